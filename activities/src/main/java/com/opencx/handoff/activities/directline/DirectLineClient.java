package com.opencx.handoff.activities.directline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencx.handoff.activities.http.HttpClientMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.ConnectionPool;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The one HTTP client for Bot Framework Direct Line 3.0, the wire under Omnichannel's custom
 * messaging channel (SPEC §10). It exists so that the rest of the service deals in conversations
 * and activities, never in headers, routes or status codes: every call sends {@code Authorization:
 * Bearer <channel secret>} (directline.md §1; the secret is a parameter because each workstream has
 * its own channel), speaks JSON, and turns every failure into the {@link ApplicationFailure} the
 * workflow decides from ({@link DirectLineException}). Redirects are never followed, so a secret
 * only goes to the configured host. A {@code GET} may be resent by OkHttp on a stale pooled
 * connection; a {@code POST} never is, because Direct Line does not deduplicate (§3) and a silent
 * resend would post twice. Exactly-once posting is {@link DirectLinePoster}'s job, built on this.
 */
public final class DirectLineClient {

  static final String START = "POST /v3/directline/conversations";
  static final String POST_ACTIVITY = "POST /v3/directline/conversations/{id}/activities";
  static final String GET_ACTIVITIES = "GET /v3/directline/conversations/{id}/activities";
  static final String UPLOAD = "POST /v3/directline/conversations/{id}/upload";
  static final String DOWNLOAD = "GET <attachment contentUrl>";
  static final String RECONNECT = "GET /v3/directline/conversations/{id}";
  static final String GENERATE_TOKEN = "POST /v3/directline/tokens/generate";

  /**
   * The upload cap: 4 MB per a support answer (directline.md §6, not in the docs), taken as 4 ×
   * 1000 × 1000 bytes, the smaller reading.
   */
  public static final int MAX_UPLOAD_BYTES = 4_000_000;

  private static final MediaType JSON = MediaType.get("application/json");
  private static final MediaType ACTIVITY = MediaType.get("application/vnd.microsoft.activity");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A started conversation (directline.md §2). */
  public record Conversation(String conversationId, String streamUrl) {}

  /**
   * One page of a conversation's activities and the watermark to ask from next (directline.md §5: a
   * missing watermark means keep the one sent).
   */
  public record ActivityPage(List<JsonNode> activities, String watermark) {}

  /** A file to upload: its bytes, declared type and name. */
  public record Upload(byte[] bytes, String contentType, String fileName) {}

  private final HttpUrl base;
  private final OkHttpClient replaying;
  private final OkHttpClient oneShot;
  private final HttpClientMetrics metrics;

  /** With metrics of its own, which nothing reads (tests, tools). */
  public DirectLineClient(DirectLineSettings settings) {
    this(settings, new SimpleMeterRegistry());
  }

  /** Exports its request metrics ({@code client=directline}) to {@code registry}. */
  public DirectLineClient(DirectLineSettings settings, MeterRegistry registry) {
    Objects.requireNonNull(settings, "settings");
    HttpUrl root = HttpUrl.get(settings.baseUrl());
    this.base = root.newBuilder().addPathSegments("v3/directline").build();
    this.metrics = new HttpClientMetrics(registry, "directline");
    this.replaying =
        new OkHttpClient.Builder()
            .eventListener(metrics.listener(root, Set.of("conversations", "attachments")))
            .connectionPool(new ConnectionPool(5, 50, TimeUnit.SECONDS))
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.readTimeout())
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(true)
            .build();
    this.oneShot = replaying.newBuilder().retryOnConnectionFailure(false).build();
  }

  /** Starts a conversation (201, or 200 for an already used token; §2). */
  public Conversation startConversation(String secret) {
    return failing(() -> start(secret));
  }

  /**
   * Asks for a conversation token with {@code secret} (directline.md §1), which starts nothing: the
   * cheapest proof that a channel's secret is accepted. Returns the token's lifetime in seconds (0
   * when the answer names none); the token itself is dropped, unused. A wrong secret fails as
   * DirectLineRejected with the HTTP status (403) as the failure's detail.
   */
  public int generateToken(String secret) {
    return failing(
        () -> {
          HttpUrl url = base.newBuilder().addPathSegments("tokens/generate").build();
          Request request =
              request(secret, url).post(RequestBody.create(new byte[0], null)).build();
          return call(oneShot, request, GENERATE_TOKEN).path("expires_in").asInt(0);
        });
  }

  /**
   * Posts one activity; returns Direct Line's id for it, or null when it answered 204 without one
   * (§3). Not idempotent: see {@link DirectLinePoster}.
   */
  public String post(String secret, String conversationId, JsonNode activity) {
    return failing(() -> postActivity(secret, conversationId, activity));
  }

  /**
   * A fresh {@code streamUrl} for an existing conversation, replaying after {@code watermark}
   * (null: from the start of what is retained) — Direct Line's reconnect (§2, §5).
   */
  public Conversation reconnect(String secret, String conversationId, String watermark) {
    return failing(
        () -> {
          HttpUrl.Builder url = conversation(conversationId);
          if (watermark != null) {
            url.addQueryParameter("watermark", watermark);
          }
          JsonNode answer = call(replaying, request(secret, url.build()).get().build(), RECONNECT);
          String stream = answer.path("streamUrl").asText("");
          if (stream.isEmpty()) {
            throw DirectLineException.unreadable(RECONNECT, 200);
          }
          return new Conversation(conversationId, stream);
        });
  }

  /** One page of activities after {@code watermark} (null: from the start of what is retained). */
  public ActivityPage activities(String secret, String conversationId, String watermark) {
    return failing(() -> page(secret, conversationId, watermark));
  }

  /**
   * Uploads one file in the multipart form with {@code activity} as the template (§6), which Direct
   * Line turns into one message activity from the template's {@code from.id} carrying the
   * template's fields and the file; returns that activity's id. Files over {@link
   * #MAX_UPLOAD_BYTES} are refused before sending, as DirectLineRejected. Not idempotent: see
   * {@link DirectLinePoster#uploadOnce}.
   */
  public String upload(String secret, String conversationId, JsonNode activity, Upload file) {
    return failing(() -> uploadWith(secret, conversationId, activity, file));
  }

  /** A file the rep sent: its bytes and declared type. */
  public record Download(byte[] bytes, String contentType) {}

  /**
   * Fetches an attachment the rep sent ({@code contentUrl}). The secret goes only to Direct Line's
   * own host: a URL elsewhere is fetched without it, so a link in an activity cannot take it away.
   * Files over {@link #MAX_UPLOAD_BYTES} × 4 are refused (DirectLineRejected) rather than buffered.
   */
  public Download download(String secret, String contentUrl) {
    return failing(
        () -> {
          HttpUrl url = HttpUrl.parse(contentUrl == null ? "" : contentUrl);
          if (url == null) {
            throw DirectLineException.refused(DOWNLOAD, "the attachment has no usable contentUrl");
          }
          Request.Builder request = new Request.Builder().url(url).get();
          if (url.host().equals(base.host()) && url.port() == base.port()) {
            request.header("Authorization", "Bearer " + secret.strip());
          }
          try (Response response = replaying.newCall(request.build()).execute()) {
            if (!response.isSuccessful()) {
              throw DirectLineException.fromAnswer(response.code(), new byte[0], null, DOWNLOAD);
            }
            long length = response.body().contentLength();
            if (length > 4L * MAX_UPLOAD_BYTES) {
              throw DirectLineException.refused(DOWNLOAD, length + " bytes is too large to relay");
            }
            MediaType type = response.body().contentType();
            return new Download(
                response.body().bytes(),
                type == null ? "application/octet-stream" : type.toString());
          } catch (IOException e) {
            throw DirectLineException.unreachable(DOWNLOAD, e);
          }
        });
  }

  Conversation start(String secret) {
    HttpUrl url = base.newBuilder().addPathSegment("conversations").build();
    // The TokenParameters body is optional (§2) and a secret needs none.
    Request request = request(secret, url).post(RequestBody.create(new byte[0], null)).build();
    JsonNode answer = call(oneShot, request, START);
    String id = answer.path("conversationId").asText("");
    if (id.isEmpty()) {
      throw DirectLineException.unreadable(START, 201);
    }
    return new Conversation(id, answer.path("streamUrl").asText(null));
  }

  String postActivity(String secret, String conversationId, JsonNode activity) {
    byte[] body = json(activity);
    HttpUrl url = conversation(conversationId).addPathSegment("activities").build();
    Request request = request(secret, url).post(RequestBody.create(body, JSON)).build();
    JsonNode answer = call(oneShot, request, POST_ACTIVITY);
    return answer.isMissingNode() ? null : answer.path("id").asText(null);
  }

  ActivityPage page(String secret, String conversationId, String watermark) {
    HttpUrl.Builder url = conversation(conversationId).addPathSegment("activities");
    if (watermark != null) {
      url.addQueryParameter("watermark", watermark);
    }
    JsonNode answer = call(replaying, request(secret, url.build()).get().build(), GET_ACTIVITIES);
    List<JsonNode> activities = new ArrayList<>();
    answer.path("activities").forEach(activities::add);
    String next = answer.path("watermark").asText(null);
    return new ActivityPage(List.copyOf(activities), next == null ? watermark : next);
  }

  String uploadWith(String secret, String conversationId, JsonNode activity, Upload file) {
    MediaType type = file.contentType() == null ? null : MediaType.parse(file.contentType());
    if (type == null) {
      throw DirectLineException.refused(UPLOAD, "the content type is missing or malformed");
    }
    if (file.bytes().length > MAX_UPLOAD_BYTES) {
      throw DirectLineException.refused(
          UPLOAD,
          file.bytes().length + " bytes is over Direct Line's " + MAX_UPLOAD_BYTES + " byte cap");
    }
    HttpUrl url =
        conversation(conversationId)
            .addPathSegment("upload")
            .addQueryParameter("userId", activity.path("from").path("id").asText())
            .build();
    MultipartBody body =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addPart(
                Headers.of("Content-Disposition", "form-data; name=\"activity\""),
                RequestBody.create(json(activity), ACTIVITY))
            .addFormDataPart("file", safe(file.fileName()), RequestBody.create(file.bytes(), type))
            .build();
    return call(oneShot, request(secret, url).post(body).build(), UPLOAD).path("id").asText(null);
  }

  private HttpUrl.Builder conversation(String conversationId) {
    return base.newBuilder().addPathSegment("conversations").addPathSegment(conversationId);
  }

  private static Request.Builder request(String secret, HttpUrl url) {
    return new Request.Builder()
        .url(url)
        .header("Authorization", "Bearer " + secret.strip())
        .header("Accept", "application/json");
  }

  /** The answer's JSON; a missing node for an empty 2xx body (204). */
  private JsonNode call(OkHttpClient http, Request request, String route) {
    try (Response response = http.newCall(request).execute()) {
      byte[] body = response.body().bytes();
      if (!response.isSuccessful()) {
        if (response.code() == 429) {
          metrics.throttled(DirectLineException.parseRetryAfter(response.header("Retry-After")));
        }
        throw DirectLineException.fromAnswer(
            response.code(), body, response.header("Retry-After"), route);
      }
      if (body.length == 0) {
        return MAPPER.missingNode();
      }
      try {
        JsonNode answer = MAPPER.readTree(body);
        if (answer == null || !answer.isObject()) {
          throw DirectLineException.unreadable(route, response.code());
        }
        return answer;
      } catch (JsonProcessingException e) {
        throw DirectLineException.unreadable(route, response.code());
      }
    } catch (IOException e) {
      throw DirectLineException.unreachable(route, e);
    }
  }

  private static byte[] json(JsonNode activity) {
    try {
      return MAPPER.writeValueAsBytes(activity);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** A header-safe file name: printable ASCII without quotes or backslashes. */
  private static String safe(String fileName) {
    String name = fileName == null || fileName.isBlank() ? "file" : fileName;
    return name.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "_");
  }

  private static <T> T failing(Supplier<T> call) {
    try {
      return call.get();
    } catch (DirectLineException e) {
      throw e.toFailure();
    }
  }
}
