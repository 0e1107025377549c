package com.opencx.handoff.emulators.opencx;

import com.opencx.handoff.emulators.http.EmulatorHttpServer;
import com.opencx.handoff.emulators.http.ErrorCodes;
import com.opencx.handoff.emulators.http.Fault;
import java.time.Duration;
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
public final class OpenCxEmulator implements AutoCloseable {

  private static final ErrorCodes CODES =
      new ErrorCodes(
          "unauthorized",
          "token_expired",
          "rate_limited",
          "too_many_concurrent_requests",
          "injected_fault");

  private final EmulatorHttpServer server;
  private final OpenCxApi api = new OpenCxApi();

  private OpenCxEmulator(int port, String apiKey) {
    server = new EmulatorHttpServer("opencx-emulator", port, apiKey, CODES, Map.of(), api::handle);
  }

  /** Starts an emulator on 127.0.0.1 ({@code port} 0 picks a free one). */
  public static OpenCxEmulator start(int port, String apiKey) {
    return new OpenCxEmulator(port, apiKey);
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

  public int requestCount() {
    return server.requestCount();
  }

  /** One line per request, e.g. {@code "POST /v1/sessions/s-1/handoff 200"}. */
  public List<String> requestLog() {
    return server.requestLog();
  }

  public void resetCounters() {
    server.resetCounters();
  }

  public void limitRequests(int max, Duration window, int retryAfterSeconds) {
    server.limitRequests(max, window, retryAfterSeconds);
  }

  public void limitConcurrency(int max) {
    server.limitConcurrency(max);
  }

  /** Arms a fault for the next matching requests; see {@link Fault}. */
  public void injectFault(Fault fault) {
    server.injectFault(fault);
  }

  public void clearFaultsAndLimits() {
    server.clearFaultsAndLimits();
  }

  @Override
  public void close() {
    server.close();
  }
}
