package com.opencx.handoff.activities.dynamics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.opencx.handoff.activities.http.HttpClientMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that speaks HTTP to Dataverse (Web API v9.2). It adds the OData headers and the
 * bearer token to every request, sends the token only to the configured environment, refreshes it
 * once on a 401, spreads requests over the application users and paces each under its
 * service-protection limits ({@link ApplicationUsers}, {@link RequestPacer}), times every request
 * and counts each 429 and its {@code Retry-After} ({@link HttpClientMetrics}), sends again on a
 * fresh connection only what is safe to send twice ({@link DataverseHttp}), and turns every
 * unsuccessful answer into a {@link DataverseException} naming the method and entity set but never
 * the query. One instance per process: the pacing budget is shared by all activities through it.
 */
public final class DataverseClient {

  private static final Logger log = LoggerFactory.getLogger(DataverseClient.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String BATCH_TYPE = "multipart/mixed; boundary=";
  static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

  /**
   * A complete answer, read into memory (Dataverse's JSON answers are small), and the application
   * user it answered.
   */
  record Reply(int status, Headers headers, byte[] body, ApplicationUsers.User sentAs) {
    String contentType() {
      String value = headers.get("Content-Type");
      return value == null ? "" : value;
    }
  }

  private final DataverseSettings settings;
  private final ApplicationUsers users;
  private final DataverseHttp http;
  private final HttpUrl base;
  private final HttpClientMetrics metrics;

  /** With metrics of its own, read through {@link #requestCountsByStatus()} only. */
  public DataverseClient(DataverseSettings settings, TokenProvider tokens) {
    this(settings, tokens, new SimpleMeterRegistry());
  }

  /** Exports its request metrics ({@code client=dataverse}) to {@code registry}. */
  public DataverseClient(DataverseSettings settings, TokenProvider tokens, MeterRegistry registry) {
    this(settings, List.of(tokens), registry, List.of(DataverseThrottle.NONE));
  }

  /**
   * Sends as the application users {@code tokens} authenticate, in turn ({@link ApplicationUsers}),
   * exports its request metrics ({@code client=dataverse}) to {@code registry}, and tells user
   * {@code i}'s {@code throttles.get(i)} of each 429 it gets (holding its requests while that
   * throttle says so).
   */
  public DataverseClient(
      DataverseSettings settings,
      List<TokenProvider> tokens,
      MeterRegistry registry,
      List<DataverseThrottle> throttles) {
    this.settings = settings;
    this.base = HttpUrl.get(settings.apiBase());
    this.users = new ApplicationUsers(settings, tokens, throttles, registry);
    this.metrics = new HttpClientMetrics(registry, "dataverse");
    this.http = new DataverseHttp(settings, metrics.listener(base, Set.of()));
  }

  /**
   * {@code GET <resource>?<query>}, e.g. {@code contacts} with {@code $filter}; the JSON answer.
   */
  public JsonNode get(String resource, Map<String, String> query) {
    HttpUrl.Builder url = url(resource).newBuilder();
    query.forEach((name, value) -> url.addEncodedQueryParameter(name, encodeQueryValue(value)));
    return json(send("GET", resource, url.build(), null, null));
  }

  /**
   * {@code PATCH <entitySet>(<id>)} with {@code If-None-Match: *}: creates the record with the id
   * chosen by the caller, or returns false when Dataverse answers 412 because it already exists.
   */
  public boolean createIfAbsent(String entitySet, String id, JsonNode body) {
    return createIfAbsent(entitySet, id, jsonBody(body));
  }

  /** As above, with {@code file} as one more column, Base64-encoded as the body is sent. */
  public boolean createIfAbsent(String entitySet, String id, JsonNode body, Base64Field file) {
    return createIfAbsent(entitySet, id, file.body(body, JSON));
  }

  private boolean createIfAbsent(String entitySet, String id, RequestBody body) {
    String resource = entitySet + "(" + id + ")";
    try {
      send("PATCH", resource, url(resource), body, "*");
      return true;
    } catch (DataverseException e) {
      if (e.status() == 412) {
        return false;
      }
      throw e;
    }
  }

  /**
   * {@code PATCH <entitySet>(<id>)} with {@code If-Match: *}: updates an existing record, or
   * returns false when Dataverse answers 404 because there is none (it never creates one).
   */
  public boolean updateIfPresent(String entitySet, String id, JsonNode body) {
    String resource = entitySet + "(" + id + ")";
    try {
      send("PATCH", resource, url(resource), jsonBody(body), "If-Match", "*");
      return true;
    } catch (DataverseException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** {@code POST <action>} with a JSON body; the JSON answer, or an empty object for 204. */
  public JsonNode post(String action, JsonNode body) {
    return json(send("POST", action, url(action), jsonBody(body), null));
  }

  /**
   * {@code POST <action>} whose parameters are {@code body} and {@code file}, the file
   * Base64-encoded as the body is sent (an {@code UploadBlock}'s {@code BlockData}).
   */
  public JsonNode post(String action, JsonNode body, Base64Field file) {
    return json(send("POST", action, url(action), file.body(body, JSON), null));
  }

  /** Answers so far by HTTP status ({@code "io_error"} when none came), from its metrics. */
  public Map<String, Long> requestCountsByStatus() {
    return metrics.countsByStatus();
  }

  /**
   * Sends one atomic change set in a {@code POST $batch} (boundaries derived from {@code seed}) and
   * returns each request's response in order. A 2xx or multipart answer is read part by part;
   * anything else becomes a {@link DataverseException}.
   */
  List<ODataBatch.PartResponse> changeSet(String seed, List<ODataBatch.Part> parts) {
    String batch = ODataBatch.batchBoundary(seed);
    byte[] body = ODataBatch.changeSet(batch, ODataBatch.changesetBoundary(seed), parts);
    Reply reply =
        send(
            "POST",
            "$batch",
            url("$batch"),
            RequestBody.create(body, MediaType.get(BATCH_TYPE + batch)),
            null);
    List<ODataBatch.PartResponse> answers;
    try {
      answers = ODataBatch.parse(reply.contentType(), reply.body());
    } catch (RuntimeException e) {
      throw new DataverseException(
          0, "", "unreadable $batch answer: " + e.getMessage(), "POST $batch", null, e);
    }
    for (ODataBatch.PartResponse answer : answers) {
      if (answer.status() == 429) { // throttled inside a batch the batch itself answered 200
        throttled(
            reply.sentAs(), DataverseException.retryAfter(answer.headers().get("retry-after")));
      }
    }
    return answers;
  }

  /** The absolute URL of a resource under the Web API root. */
  HttpUrl url(String resource) {
    return HttpUrl.get(settings.apiBase() + resource);
  }

  private Reply send(
      String method, String resource, HttpUrl url, RequestBody body, String ifNoneMatch) {
    return send(method, resource, url, body, "If-None-Match", ifNoneMatch);
  }

  /**
   * Sends with one conditional header: {@code If-None-Match} (null means Dataverse's recommended
   * {@code If-None-Match: null}) or {@code If-Match}, which replaces it.
   */
  private Reply send(
      String method,
      String resource,
      HttpUrl url,
      RequestBody body,
      String conditionHeader,
      String conditionValue) {
    String operation = method + " " + entitySet(resource);
    // A $batch holds only PATCHes (ODataBatch); other POSTs are actions, not safe to send twice.
    boolean replayable = !"POST".equals(method) || "$batch".equals(resource);
    if (!url.toString().startsWith(base.toString())) {
      throw new IllegalStateException("refusing to send the Dataverse token outside " + base);
    }
    ApplicationUsers.User user = users.pick();
    Reply reply =
        exchange(
            method,
            url,
            body,
            conditionHeader,
            conditionValue,
            user,
            user.tokens().token(),
            operation,
            replayable);
    if (reply.status() == 401) {
      log.info("{} answered 401; refreshing the token once", operation);
      reply =
          exchange(
              method,
              url,
              body,
              conditionHeader,
              conditionValue,
              user,
              user.tokens().refresh(),
              operation,
              replayable);
    }
    if (reply.status() == 429) {
      throttled(user, DataverseException.retryAfter(reply.headers().get("Retry-After")));
    }
    boolean multipart = reply.contentType().startsWith("multipart/mixed");
    if (reply.status() >= 200 && reply.status() < 300 || multipart && "$batch".equals(resource)) {
      return reply;
    }
    throw DataverseException.fromAnswer(
        reply.status(), reply.body(), reply.headers().get("Retry-After"), operation);
  }

  private Reply exchange(
      String method,
      HttpUrl url,
      RequestBody body,
      String conditionHeader,
      String conditionValue,
      ApplicationUsers.User user,
      String token,
      String operation,
      boolean replayable) {
    Request request =
        new Request.Builder()
            .url(url)
            .method(method, body)
            .header("Accept", "application/json")
            .header("OData-MaxVersion", "4.0")
            .header("OData-Version", "4.0")
            .header(conditionHeader, conditionValue == null ? "null" : conditionValue)
            .header("Authorization", "Bearer " + token)
            .build();
    long started = System.nanoTime();
    try (RequestPacer.Permit permit = user.pacer().acquire(operation);
        Response response = http.client(replayable).newCall(request).execute()) {
      ResponseBody responseBody = response.body();
      byte[] bytes = responseBody == null ? new byte[0] : responseBody.bytes();
      log.debug(
          "{} -> {} in {} ms",
          operation,
          response.code(),
          (System.nanoTime() - started) / 1_000_000);
      return new Reply(response.code(), response.headers(), bytes, user);
    } catch (IOException e) {
      throw new DataverseException(
          0, "", e.getClass().getSimpleName() + ": " + e.getMessage(), operation, null, e);
    }
  }

  private void throttled(ApplicationUsers.User user, Duration retryAfter) {
    metrics.throttled(retryAfter);
    user.throttle().throttled(retryAfter);
  }

  /**
   * A query value percent-encoded as OkHttp encodes query components (space as %20, quote as %27,
   * plus as %2B, …), while the names keep their literal {@code $} as Dataverse documents them.
   */
  static String encodeQueryValue(String value) {
    String query =
        new HttpUrl.Builder()
            .scheme("https")
            .host("encode.invalid")
            .addQueryParameter("v", value)
            .build()
            .encodedQuery();
    return query.substring("v=".length());
  }

  private static String entitySet(String resource) {
    int key = resource.indexOf('(');
    return key < 0 ? resource : resource.substring(0, key);
  }

  private static JsonNode json(Reply reply) {
    if (reply.body().length == 0) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      return MAPPER.readTree(reply.body());
    } catch (IOException e) {
      throw new DataverseException(
          reply.status(), "", "answer is not JSON", "read answer", null, e);
    }
  }

  private static RequestBody jsonBody(JsonNode body) {
    try {
      return RequestBody.create(MAPPER.writeValueAsBytes(body), JSON);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialise a Dataverse request body", e);
    }
  }
}
