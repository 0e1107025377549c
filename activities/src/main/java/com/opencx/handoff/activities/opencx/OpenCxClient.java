package com.opencx.handoff.activities.opencx;

import static com.opencx.handoff.activities.opencx.OpenCxHttp.failure;
import static com.opencx.handoff.activities.opencx.OpenCxHttp.requireSuccess;

import com.opencx.handoff.activities.media.MediaSource;
import com.opencx.handoff.workflows.activities.AuditActivities.AuditEvent;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The one HTTP client for OpenCX's API (SPEC §3.2), shared by the session and audit activities and
 * used by the media transfer as its {@link MediaSource}. Each method is one call of the contract
 * and says what each answer means; the transport and the mapping of failures to the {@link
 * ApplicationFailure} type the workflow decides from live in {@link OpenCxHttp} and {@link
 * OpenCxFailures}, so the activities above deal only in meaning.
 */
public final class OpenCxClient implements MediaSource {

  static final String GET_SESSION = "GET /v1/sessions/{id}";
  static final String GET_MEDIA = "GET /v1/sessions/{id}/media/{mediaId}";
  static final String POST_HANDOFF = "POST /v1/sessions/{id}/handoff";
  static final String POST_HANDOFF_FAILED = "POST /v1/sessions/{id}/handoff-failed";
  static final String POST_AUDIT_EVENT = "POST /v1/audit-events";

  private final OpenCxHttp http;

  public OpenCxClient(OpenCxSettings settings) {
    this.http = new OpenCxHttp(settings);
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
}
