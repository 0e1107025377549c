package com.opencx.handoff.activities.opencx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.opencx.handoff.activities.media.MediaSource;
import com.opencx.handoff.workflows.activities.AuditActivities.AuditEvent;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The one HTTP client for OpenCX's API (SPEC §3.2), shared by the session and audit activities and
 * used by the media transfer as its {@link MediaSource}. It owns the OkHttp connection pool, sends
 * the bearer key, speaks JSON, and turns every failure into the {@link ApplicationFailure} type the
 * workflow decides from (see {@link OpenCxFailures}); the activities above it deal only in the
 * contract's meaning. Redirects are not followed, so the key only ever goes to the configured URL.
 */
public final class OpenCxClient implements MediaSource {

  static final String GET_SESSION = "GET /v1/sessions/{id}";
  static final String GET_MEDIA = "GET /v1/sessions/{id}/media/{mediaId}";
  static final String POST_HANDOFF = "POST /v1/sessions/{id}/handoff";
  static final String POST_HANDOFF_FAILED = "POST /v1/sessions/{id}/handoff-failed";
  static final String POST_AUDIT_EVENT = "POST /v1/audit-events";

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final HttpUrl baseUrl;
  private final String authorization;
  private final OkHttpClient http;
  private final ObjectMapper mapper =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  public OpenCxClient(OpenCxSettings settings) {
    Objects.requireNonNull(settings, "settings");
    this.baseUrl = HttpUrl.get(settings.baseUrl());
    this.authorization = "Bearer " + settings.apiKey();
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.readTimeout())
            .followRedirects(false)
            .followSslRedirects(false)
            .build();
  }

  /** The session, or empty when OpenCX answers 404. */
  Optional<OpenCxSession> getSession(String sessionId) {
    Request request = json(sessionUrl(sessionId).build()).get().build();
    try (Response response = send(request, GET_SESSION)) {
      if (response.code() == 404) {
        return Optional.empty();
      }
      requireSuccess(response, GET_SESSION);
      try {
        return Optional.of(mapper.readValue(response.body().byteStream(), OpenCxSession.class));
      } catch (JsonProcessingException e) {
        throw OpenCxFailures.unreadable(GET_SESSION);
      } catch (IOException e) {
        throw OpenCxFailures.unreachable(GET_SESSION, e);
      }
    }
  }

  /**
   * Streams one media item. HTTP refusals and connection failures are thrown as {@link
   * ApplicationFailure}s like every other call (a 404 is {@code OpenCxRejectedCall}); an {@link
   * IOException} only comes later, from reading the returned body.
   */
  @Override
  public MediaStream open(String sessionId, String mediaId) {
    HttpUrl url = sessionUrl(sessionId).addPathSegment("media").addPathSegment(mediaId).build();
    Request request =
        new Request.Builder()
            .url(url)
            .header("Authorization", authorization)
            .header("Accept", "*/*")
            // Keep Content-Length meaningful: no transparent gzip for media bytes.
            .header("Accept-Encoding", "identity")
            .get()
            .build();
    Response response = send(request, GET_MEDIA);
    if (!response.isSuccessful()) {
      try (response) {
        throw failure(response, GET_MEDIA);
      }
    }
    ResponseBody body = response.body();
    return new MediaStream(
        response.header("Content-Type"), body.contentLength(), body.byteStream());
  }

  /** Records the work item on the session; 2xx (first time or again) is success, 409 a conflict. */
  void markHandedOff(String sessionId, String workItemId, String workflowId, Instant handedOffAt) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dynamics365_chat_id", workItemId);
    body.put("workflowId", workflowId);
    body.put("handedOffAt", handedOffAt == null ? null : handedOffAt.toString());
    HttpUrl url = sessionUrl(sessionId).addPathSegment("handoff").build();
    try (Response response = send(post(url, body), POST_HANDOFF)) {
      if (response.code() == 409) {
        throw OpenCxFailures.conflict(POST_HANDOFF);
      }
      requireSuccess(response, POST_HANDOFF);
    }
  }

  /** Tells OpenCX the handoff will not happen, so the AI resumes the conversation. */
  void handoffFailed(String sessionId, String reason, String workflowId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", reason);
    body.put("workflowId", workflowId);
    HttpUrl url = sessionUrl(sessionId).addPathSegment("handoff-failed").build();
    try (Response response = send(post(url, body), POST_HANDOFF_FAILED)) {
      requireSuccess(response, POST_HANDOFF_FAILED);
    }
  }

  /** Records an audit event; true when new (201), false when the event id was already known. */
  boolean recordAuditEvent(AuditEvent event) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("eventId", event.eventId());
    body.put("sessionId", event.sessionId());
    body.put("workflowId", event.workflowId());
    body.put("type", event.type());
    body.put("at", event.at() == null ? null : event.at().toString());
    body.put("details", event.details() == null ? Map.of() : event.details());
    HttpUrl url = baseUrl.newBuilder().addPathSegments("v1/audit-events").build();
    try (Response response = send(post(url, body), POST_AUDIT_EVENT)) {
      requireSuccess(response, POST_AUDIT_EVENT);
      return response.code() == 201;
    }
  }

  private HttpUrl.Builder sessionUrl(String sessionId) {
    return baseUrl.newBuilder().addPathSegments("v1/sessions").addPathSegment(sessionId);
  }

  private Request.Builder json(HttpUrl url) {
    return new Request.Builder()
        .url(url)
        .header("Authorization", authorization)
        .header("Accept", "application/json");
  }

  private Request post(HttpUrl url, Map<String, Object> body) {
    byte[] bytes;
    try {
      bytes = mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a map of strings", e);
    }
    return json(url).post(RequestBody.create(bytes, JSON)).build();
  }

  private Response send(Request request, String route) {
    try {
      return http.newCall(request).execute();
    } catch (IOException e) {
      throw OpenCxFailures.unreachable(route, e);
    }
  }

  private static void requireSuccess(Response response, String route) {
    if (!response.isSuccessful()) {
      throw failure(response, route);
    }
  }

  private static ApplicationFailure failure(Response response, String route) {
    return OpenCxFailures.forStatus(
        response.code(), route, response.header("Retry-After"), Instant.now());
  }
}
