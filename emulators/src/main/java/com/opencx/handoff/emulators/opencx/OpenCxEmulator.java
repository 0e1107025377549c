package com.opencx.handoff.emulators.opencx;

import com.opencx.handoff.emulators.http.EmulatorControls;
import com.opencx.handoff.emulators.http.EmulatorHttpServer;
import com.opencx.handoff.emulators.http.ErrorCodes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory OpenCX API on 127.0.0.1 implementing the contract of SPEC §3.2 exactly, so the
 * handoff's OpenCX steps (validate the session, stream media, mark it handed off, report a failure,
 * write audit events) can run in tests and in the dev stack without the real platform. Calls need
 * {@code Authorization: Bearer <api key>}; errors are {@code {"error":{"code":…,"message":…}}}, and
 * a missing body field is named in the message. Counting, limits and faults are the same as the
 * Dataverse emulator's.
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

  /** Starts an emulator on 127.0.0.1 ({@code port} 0 picks a free one). */
  public static OpenCxEmulator start(int port, String apiKey) {
    return new OpenCxEmulator(port, apiKey, new OpenCxApi());
  }

  /** {@code http://127.0.0.1:<port>}; the API lives under {@code /v1/}. */
  public String baseUrl() {
    return server.baseUrl();
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

  /** Recorded audit events (request bodies as sent), first recording of each eventId only. */
  public List<Map<String, Object>> auditEvents() {
    return api.auditEvents();
  }

  /** Recorded handoff failures: {@code {sessionId, reason, workflowId, receivedAt}}. */
  public List<Map<String, Object>> handoffFailures() {
    return api.handoffFailures();
  }
}
