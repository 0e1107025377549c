package com.opencx.handoff.emulators.opencx;

import com.opencx.handoff.emulators.http.ControlRoutes;
import com.opencx.handoff.emulators.http.EmulatorControls;
import com.opencx.handoff.emulators.http.EmulatorHttpServer;
import com.opencx.handoff.emulators.http.ErrorCodes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory OpenCX API on 127.0.0.1 implementing the contract of SPEC §3.2 exactly, so the
 * handoff's OpenCX steps (validate the session, stream media, mark it handed off, report a failure,
 * write audit events) and the relay of a rep's replies (agent messages inside and outside
 * WhatsApp's 24-hour window, rep uploads, templates, the end of the handoff) can run in tests and
 * in the dev stack without the real platform. Calls need {@code Authorization: Bearer <api key>};
 * errors are {@code {"error":{"code":…,"message":…}}} (except the contract's 422 {@code
 * {"error":"window_closed","closedAt":…}}), and a missing body field is named in the message.
 * Counting, limits and faults are the same as the Dataverse emulator's; the window is judged by the
 * clock given at start.
 */
public final class OpenCxEmulator extends EmulatorControls {

  private static final ErrorCodes CODES =
      new ErrorCodes(
          "unauthorized",
          "token_expired",
          "rate_limited",
          "too_many_concurrent_requests",
          "injected_fault");

  private final OpenCxApi api;

  private OpenCxEmulator(int port, String apiKey, OpenCxApi api) {
    super(new EmulatorHttpServer("opencx-emulator", port, apiKey, CODES, Map.of(), api::handle));
    this.api = api;
  }

  /** Starts an emulator on 127.0.0.1 ({@code port} 0 picks a free one) on the UTC clock. */
  public static OpenCxEmulator start(int port, String apiKey) {
    return start(port, apiKey, Clock.systemUTC());
  }

  /** Starts an emulator whose notion of now (the 24-hour window, receipts) is {@code clock}. */
  public static OpenCxEmulator start(int port, String apiKey, Clock clock) {
    return new OpenCxEmulator(port, apiKey, new OpenCxApi(clock));
  }

  /** {@code http://127.0.0.1:<port>}; the API lives under {@code /v1/}. */
  public String baseUrl() {
    return server.baseUrl();
  }

  /** Seeds sessions over the control API ({@link SeedRoutes}). */
  @Override
  protected ControlRoutes controlRoutes() {
    return new SeedRoutes(api);
  }

  /** Adds or replaces a session. */
  public void addSession(Session session) {
    api.addSession(session);
  }

  /** Makes {@code GET /v1/sessions/{sessionId}/media/{mediaId}} answer these bytes. */
  public void addMedia(String sessionId, String mediaId, String contentType, byte[] bytes) {
    api.addMedia(sessionId, mediaId, contentType, bytes);
  }

  public Optional<Session> session(String id) {
    return api.session(id);
  }

  /**
   * The customer sent a WhatsApp message at {@code at}: the session's {@code lastInboundAt} moves
   * forward to it (never backwards), reopening the 24-hour window as a real inbound message would.
   *
   * @throws IllegalArgumentException when the session is unknown
   */
  public void customerWrote(String sessionId, Instant at) {
    api.customerWrote(sessionId, at);
  }

  /** Recorded audit events (request bodies as sent), first recording of each eventId only. */
  public List<Map<String, Object>> auditEvents() {
    return api.auditEvents();
  }

  /** Recorded handoff failures: {@code {sessionId, reason, workflowId, receivedAt}}. */
  public List<Map<String, Object>> handoffFailures() {
    return api.handoffFailures();
  }

  /**
   * How the last handoff of the session ended: {@code {sessionId, reason, workflowId, endedAt,
   * receivedAt}} of its first {@code handoff-ended} call, or empty when none arrived.
   */
  public Optional<Map<String, Object>> handoffEnded(String sessionId) {
    return api.handoffEnded(sessionId);
  }

  /** Agent messages delivered to the session (bodies as first sent), in order, each once. */
  public List<Map<String, Object>> agentMessages(String sessionId) {
    return api.agentMessages(sessionId);
  }

  /** Files reps uploaded to the session: {@code {mediaId, contentType, fileName, size}}. */
  public List<Map<String, Object>> uploadedMedia(String sessionId) {
    return api.uploadedMedia(sessionId);
  }

  /** The approved templates {@code GET /v1/templates} lists and agent messages may call. */
  public List<Template> templates() {
    return api.templates();
  }

  /** Replaces the approved templates (initially {@link Template#DEFAULTS}). */
  public void setTemplates(List<Template> templates) {
    api.setTemplates(templates);
  }
}
