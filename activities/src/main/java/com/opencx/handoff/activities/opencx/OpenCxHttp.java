package com.opencx.handoff.activities.opencx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.opencx.handoff.activities.http.HttpClientMetrics;
import com.opencx.handoff.activities.http.RetryAfter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The transport under {@link OpenCxClient}: one OkHttp connection pool, the bearer key on every
 * request, JSON in and out, and the rule that every way a call can fail leaves here as the {@link
 * ApplicationFailure} of {@link OpenCxFailures}. Kept apart from the client so that the client
 * reads as the contract (which call, which body, what each answer means) and this as the plumbing
 * all calls share. Redirects are not followed, so the key only ever goes to the configured URL.
 */
final class OpenCxHttp {

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final HttpUrl baseUrl;
  private final String authorization;
  private final OkHttpClient http;
  private final HttpClientMetrics metrics;
  private final ObjectMapper mapper =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  OpenCxHttp(OpenCxSettings settings, MeterRegistry registry) {
    Objects.requireNonNull(settings, "settings");
    this.baseUrl = HttpUrl.get(settings.baseUrl());
    this.authorization = "Bearer " + settings.apiKey();
    this.metrics = new HttpClientMetrics(registry, "opencx");
    this.http =
        new OkHttpClient.Builder()
            .eventListener(metrics.listener(baseUrl, Set.of("sessions", "media")))
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.readTimeout())
            .followRedirects(false)
            .followSslRedirects(false)
            .build();
  }

  /** The base URL plus {@code segments} (slash-separated, unencoded literals such as v1/x). */
  HttpUrl.Builder url(String segments) {
    return baseUrl.newBuilder().addPathSegments(segments);
  }

  /** {@code …/v1/sessions/<sessionId>}, the id encoded as one path segment. */
  HttpUrl.Builder sessionUrl(String sessionId) {
    return url("v1/sessions").addPathSegment(sessionId);
  }

  /** A request carrying the key and nothing else. */
  Request.Builder authorised(HttpUrl url) {
    return new Request.Builder().url(url).header("Authorization", authorization);
  }

  /** A request carrying the key that expects JSON back. */
  Request.Builder json(HttpUrl url) {
    return authorised(url).header("Accept", "application/json");
  }

  /** A JSON POST of {@code body}. */
  Request post(HttpUrl url, Map<String, Object> body) {
    byte[] bytes;
    try {
      bytes = mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a map of strings and lists", e);
    }
    return json(url).post(RequestBody.create(bytes, JSON)).build();
  }

  /** Executes the call; a connection failure or timeout is {@code OpenCxUnavailable}. */
  Response send(Request request, String route) {
    try {
      Response response = http.newCall(request).execute();
      if (response.code() == 429) {
        metrics.throttled(RetryAfter.parse(response.header("Retry-After")));
      }
      return response;
    } catch (IOException e) {
      throw OpenCxFailures.unreachable(route, e);
    }
  }

  /** The successful answer's JSON body as {@code type}; an unreadable body is retryable. */
  <T> T read(Response response, Class<T> type, String route) {
    try {
      return mapper.readValue(response.body().byteStream(), type);
    } catch (JsonProcessingException e) {
      throw OpenCxFailures.unreadable(route);
    } catch (IOException e) {
      throw OpenCxFailures.unreachable(route, e);
    }
  }

  ObjectMapper mapper() {
    return mapper;
  }

  static void requireSuccess(Response response, String route) {
    if (!response.isSuccessful()) {
      throw failure(response, route);
    }
  }

  /** The failure for a non-2xx answer, from its status and {@code Retry-After}. */
  static ApplicationFailure failure(Response response, String route) {
    return OpenCxFailures.forStatus(
        response.code(), route, response.header("Retry-After"), Instant.now());
  }
}
