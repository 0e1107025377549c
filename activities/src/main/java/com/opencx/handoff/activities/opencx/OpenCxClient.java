package com.opencx.handoff.activities.opencx;

import static com.opencx.handoff.activities.opencx.OpenCxHttp.failure;
import static com.opencx.handoff.activities.opencx.OpenCxHttp.requireSuccess;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.activities.media.MediaSource;
import com.opencx.handoff.workflows.activities.AuditActivities.AuditEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The one HTTP client for OpenCX's API (SPEC §3.2), shared by the session and audit activities, the
 * relay of a rep's replies to the customer, and the media transfer as its {@link MediaSource}. Each
 * method is one call of the contract and says what each answer means; the transport and the mapping
 * of failures to the {@link ApplicationFailure} type the workflow decides from live in {@link
 * OpenCxHttp} and {@link OpenCxFailures}, so the activities above deal only in meaning.
 */
public final class OpenCxClient implements MediaSource {

  static final String GET_SESSION = "GET /v1/sessions/{id}";
  static final String GET_MEDIA = "GET /v1/sessions/{id}/media/{mediaId}";
  static final String POST_HANDOFF = "POST /v1/sessions/{id}/handoff";
  static final String POST_HANDOFF_FAILED = "POST /v1/sessions/{id}/handoff-failed";
  static final String POST_AUDIT_EVENT = "POST /v1/audit-events";
  static final String POST_AGENT_MESSAGE = "POST /v1/sessions/{id}/agent-messages";
  static final String POST_MEDIA = "POST /v1/sessions/{id}/media";
  static final String GET_TEMPLATES = "GET /v1/templates";
  static final String POST_HANDOFF_ENDED = "POST /v1/sessions/{id}/handoff-ended";

  private final OpenCxHttp http;

  /** With metrics of its own, which nothing reads (tests, tools). */
  public OpenCxClient(OpenCxSettings settings) {
    this(settings, new SimpleMeterRegistry());
  }

  /** Exports its request metrics ({@code client=opencx}) to {@code registry}. */
  public OpenCxClient(OpenCxSettings settings, MeterRegistry registry) {
    this.http = new OpenCxHttp(settings, registry);
  }

  /** The session, or empty when OpenCX answers 404. */
  Optional<OpenCxSession> getSession(String sessionId) {
    Request request = http.json(http.sessionUrl(sessionId).build()).get().build();
    try (Response response = http.send(request, GET_SESSION)) {
      if (response.code() == 404) {
        return Optional.empty();
      }
      requireSuccess(response, GET_SESSION);
      return Optional.of(http.read(response, OpenCxSession.class, GET_SESSION));
    }
  }

  /**
   * Streams one media item. HTTP refusals and connection failures are thrown as {@link
   * ApplicationFailure}s like every other call (a 404 is {@code OpenCxRejectedCall}); an {@link
   * IOException} only comes later, from reading the returned body.
   */
  @Override
  public MediaStream open(String sessionId, String mediaId) {
    HttpUrl url =
        http.sessionUrl(sessionId).addPathSegment("media").addPathSegment(mediaId).build();
    Request request =
        http.authorised(url)
            .header("Accept", "*/*")
            // Keep Content-Length meaningful: no transparent gzip for media bytes.
            .header("Accept-Encoding", "identity")
            .get()
            .build();
    Response response = http.send(request, GET_MEDIA);
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
    HttpUrl url = http.sessionUrl(sessionId).addPathSegment("handoff").build();
    try (Response response = http.send(http.post(url, body), POST_HANDOFF)) {
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
    HttpUrl url = http.sessionUrl(sessionId).addPathSegment("handoff-failed").build();
    try (Response response = http.send(http.post(url, body), POST_HANDOFF_FAILED)) {
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
    HttpUrl url = http.url("v1/audit-events").build();
    try (Response response = http.send(http.post(url, body), POST_AUDIT_EVENT)) {
      requireSuccess(response, POST_AUDIT_EVENT);
      return response.code() == 201;
    }
  }

  /**
   * Has OpenCX send a rep's reply to the customer's WhatsApp; idempotent by {@link
   * AgentMessage#messageId()}. Free-form content after the 24-hour window is {@code
   * OpenCxWindowClosed} (details: {@code closedAt}); a session not handed off is {@code
   * OpenCxConflict}; an unknown session or a refused body is {@code OpenCxRejectedCall}.
   *
   * @return true when OpenCX created it (201), false when it already had it (200).
   */
  public boolean sendAgentMessage(String sessionId, AgentMessage message) {
    HttpUrl url = http.sessionUrl(sessionId).addPathSegment("agent-messages").build();
    try (Response response = http.send(http.post(url, message.body()), POST_AGENT_MESSAGE)) {
      if (response.code() == 409) {
        throw OpenCxFailures.conflict(
            POST_AGENT_MESSAGE, "the session is not handed off, so it takes no agent messages");
      }
      if (response.code() == 422) {
        JsonNode refusal = refusalBody(response);
        if (refusal != null && "window_closed".equals(refusal.path("error").asText(null))) {
          throw OpenCxFailures.windowClosed(
              POST_AGENT_MESSAGE, refusal.path("closedAt").asText(null));
        }
      }
      requireSuccess(response, POST_AGENT_MESSAGE);
      return response.code() == 201;
    }
  }

  /**
   * Stores a file a rep sends, for an {@link AgentMessage} to attach. Not idempotent: a retry after
   * a lost answer leaves an unreferenced copy at OpenCX, which is harmless.
   *
   * @param contentType sent as {@code Content-Type}; OpenCX refuses none (400)
   * @param fileName sent as {@code X-File-Name}, percent-encoded when not plain ASCII; or null
   * @return OpenCX's {@code mediaId} for the file
   */
  public String uploadAgentMedia(
      String sessionId, byte[] bytes, String contentType, String fileName) {
    HttpUrl url = http.sessionUrl(sessionId).addPathSegment("media").build();
    Request.Builder request = http.json(url).post(RequestBody.create(bytes));
    if (contentType != null && !contentType.isBlank()) {
      request.header("Content-Type", contentType);
    }
    if (fileName != null && !fileName.isBlank()) {
      request.header("X-File-Name", FileNameHeader.encode(fileName));
    }
    try (Response response = http.send(request.build(), POST_MEDIA)) {
      requireSuccess(response, POST_MEDIA);
      String mediaId = http.read(response, Uploaded.class, POST_MEDIA).mediaId();
      if (mediaId == null || mediaId.isBlank()) {
        throw OpenCxFailures.unreadable(POST_MEDIA);
      }
      return mediaId;
    }
  }

  /** The approved WhatsApp templates, as OpenCX lists them. */
  public List<MessageTemplate> templates() {
    Request request = http.json(http.url("v1/templates").build()).get().build();
    try (Response response = http.send(request, GET_TEMPLATES)) {
      requireSuccess(response, GET_TEMPLATES);
      Templates list = http.read(response, Templates.class, GET_TEMPLATES);
      if (list.templates() == null) {
        throw OpenCxFailures.unreadable(GET_TEMPLATES);
      }
      return List.copyOf(list.templates());
    }
  }

  /** Tells OpenCX the rep ended the conversation, so the AI may take the customer back. */
  public void handoffEnded(String sessionId, String reason, String workflowId, Instant endedAt) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", reason);
    body.put("workflowId", workflowId);
    body.put("endedAt", endedAt == null ? null : endedAt.toString());
    HttpUrl url = http.sessionUrl(sessionId).addPathSegment("handoff-ended").build();
    try (Response response = http.send(http.post(url, body), POST_HANDOFF_ENDED)) {
      requireSuccess(response, POST_HANDOFF_ENDED);
    }
  }

  /** A refusal's JSON body (at most 64 KiB of it), or null when it is none. */
  private JsonNode refusalBody(Response response) {
    try {
      return http.mapper().readTree(response.peekBody(64 * 1024).string());
    } catch (IOException e) {
      return null;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Uploaded(String mediaId) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Templates(List<MessageTemplate> templates) {}
}
