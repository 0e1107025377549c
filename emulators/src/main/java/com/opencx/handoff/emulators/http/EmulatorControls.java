package com.opencx.handoff.emulators.http;

import java.time.Duration;
import java.util.List;

/**
 * What every emulator offers a test besides its API: request counting, service-protection limits,
 * injected faults, a refused credential, the same controls over HTTP ({@link #enableControlApi}),
 * and shutdown. Both emulators share one {@link EmulatorHttpServer} implementation of these, so
 * they share this surface too rather than each delegating by hand.
 */
public abstract class EmulatorControls implements AutoCloseable {

  protected final EmulatorHttpServer server;

  protected EmulatorControls(EmulatorHttpServer server) {
    this.server = server;
  }

  /** HTTP requests received since start or {@link #resetCounters()}; a $batch counts once. */
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

  /** Answers 429 with {@code Retry-After} beyond {@code max} requests per sliding window. */
  public void limitRequests(int max, Duration window, int retryAfterSeconds) {
    server.limitRequests(max, window, retryAfterSeconds);
  }

  /** Answers 429 at once beyond {@code max} requests in flight. */
  public void limitConcurrency(int max) {
    server.limitConcurrency(max);
  }

  /** Arms a fault for the next matching requests; see {@link Fault}. */
  public void injectFault(Fault fault) {
    server.injectFault(fault);
  }

  /** Disarms every fault and lifts both limits. */
  public void clearFaultsAndLimits() {
    server.clearFaultsAndLimits();
  }

  /** Disarms every fault; the limits stay. */
  public void clearFaults() {
    server.clearFaults();
  }

  /** Lifts both limits; the faults stay armed. */
  public void clearLimits() {
    server.clearLimits();
  }

  /** The armed faults in matching order, each with {@code times} = the uses it has left. */
  public List<Fault> armedFaults() {
    return server.armedFaults();
  }

  /**
   * Turns on the control API over HTTP ({@code /emulator/faults}, {@code /emulator/limits}, {@code
   * /emulator/requests}, {@code /emulator/token} and the emulator's {@link #controlRoutes()}) for
   * callers sending {@code Authorization: Bearer <controlKey>}. Off until called.
   */
  public void enableControlApi(String controlKey) {
    server.enableControl(controlKey, controlRoutes());
  }

  /** The emulator's own control routes (seed data); none unless overridden. */
  protected ControlRoutes controlRoutes() {
    return ControlRoutes.NONE;
  }

  /**
   * Refuses the credential the client was given from now on: only {@code token} is accepted, as
   * when a secret is revoked. Not on Direct Line, whose credentials are per channel.
   */
  public void acceptOnlyToken(String token) {
    server.acceptOnlyToken(token);
  }

  /** Accepts the start credential again after {@link #acceptOnlyToken}. */
  public void restoreToken() {
    server.restoreToken();
  }

  @Override
  public void close() {
    server.close();
  }
}
