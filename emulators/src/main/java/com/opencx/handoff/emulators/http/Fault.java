package com.opencx.handoff.emulators.http;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A misbehaviour an emulator shows on demand, so a test can prove that a client survives
 * throttling, outages, slow answers and lost responses without waiting for a real service to
 * misbehave. A fault matches requests by HTTP method ({@code null} or {@code "*"} matches any) and
 * by a substring of the request target (the decoded path plus {@code ?} and the decoded query;
 * {@code null} or empty matches any), and applies to the next {@code times} matching requests,
 * after which it is spent. It is checked after the service-protection limits and before
 * authentication, and only against whole HTTP requests: a {@code $batch} is matched as {@code POST
 * /api/data/v9.2/$batch}, never by its parts, unless the fault is {@code inBatch}: then it matches
 * only the requests inside a Dataverse {@code $batch} (each by its own method and path) and answers
 * that part, failing its change set as a refusal by Dataverse would. Build one with the static
 * factories and refine it with the {@code with…} methods; instances are immutable.
 *
 * @param method HTTP method to match, upper case, or {@code null} for any
 * @param pathContains substring of the request target to match, empty for any
 * @param kind what happens to a matching request
 * @param status the status answered by a {@link Kind#STATUS} fault
 * @param retryAfterSeconds value of the {@code Retry-After} header, or 0 for none
 * @param delay extra latency added by a {@link Kind#LATENCY} fault
 * @param errorCode {@code error.code} in the body, or {@code null} for the emulator's default
 * @param errorMessage {@code error.message} in the body, or {@code null} for the default
 * @param times how many matching requests the fault applies to
 * @param inBatch matches {@code $batch} parts instead of whole requests ({@link Kind#STATUS} only)
 */
public record Fault(
    String method,
    String pathContains,
    Kind kind,
    int status,
    int retryAfterSeconds,
    Duration delay,
    String errorCode,
    String errorMessage,
    int times,
    boolean inBatch) {

  /** What a matching request experiences. */
  public enum Kind {
    /** Answered with {@link Fault#status()} and an error body; nothing is executed. */
    STATUS,
    /** Delayed by {@link Fault#delay()}, then executed normally. */
    LATENCY,
    /** Executed (the write commits), then the connection is closed without any response. */
    DROP_AFTER_COMMIT,
    /** Executed (the write commits), then answered with {@link Fault#status()} anyway. */
    STATUS_AFTER_COMMIT
  }

  public Fault {
    Objects.requireNonNull(kind, "kind");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + times);
    }
    if ((kind == Kind.STATUS || kind == Kind.STATUS_AFTER_COMMIT)
        && (status < 400 || status > 599)) {
      throw new IllegalArgumentException("a status fault needs a 4xx or 5xx status, was " + status);
    }
    if (inBatch && kind != Kind.STATUS) {
      throw new IllegalArgumentException("only a STATUS fault can apply inside a $batch");
    }
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException("retryAfterSeconds must not be negative");
    }
    method =
        method == null || method.isBlank() || method.equals("*")
            ? null
            : method.toUpperCase(Locale.ROOT);
    pathContains = pathContains == null ? "" : pathContains;
    delay = delay == null ? Duration.ZERO : delay;
  }

  /** Answers {@code status} (for example 503, or 401 which reads as ExpiredAuthTicket). */
  public static Fault status(String method, String pathContains, int status, int times) {
    return new Fault(method, pathContains, Kind.STATUS, status, 0, null, null, null, times, false);
  }

  /** Answers 429 with {@code Retry-After: retryAfterSeconds}, like service protection does. */
  public static Fault throttle(
      String method, String pathContains, int retryAfterSeconds, int times) {
    return new Fault(
        method, pathContains, Kind.STATUS, 429, retryAfterSeconds, null, null, null, times, false);
  }

  /** Answers 401 whose error says {@code ExpiredAuthTicket}, as when a token expires mid-flight. */
  public static Fault expiredToken(String method, String pathContains, int times) {
    return status(method, pathContains, 401, times);
  }

  /** Delays matching requests by {@code delay}, then executes them normally. */
  public static Fault latency(String method, String pathContains, Duration delay, int times) {
    return new Fault(method, pathContains, Kind.LATENCY, 0, 0, delay, null, null, times, false);
  }

  /** Executes matching requests, then closes the connection before any response byte is sent. */
  public static Fault dropAfterCommit(String method, String pathContains, int times) {
    return new Fault(
        method, pathContains, Kind.DROP_AFTER_COMMIT, 0, 0, null, null, null, times, false);
  }

  /**
   * Executes matching requests, then answers {@code status} with an error body: the ambiguous
   * outcome (for example Direct Line's 502 for a bot that timed out yet received the activity).
   */
  public static Fault statusAfterCommit(String method, String pathContains, int status, int times) {
    return new Fault(
        method, pathContains, Kind.STATUS_AFTER_COMMIT, status, 0, null, null, null, times, false);
  }

  /** The same fault answering with this {@code error.code} and {@code error.message}. */
  public Fault withError(String code, String message) {
    return new Fault(
        method,
        pathContains,
        kind,
        status,
        retryAfterSeconds,
        delay,
        code,
        message,
        times,
        inBatch);
  }

  /** The same fault adding a {@code Retry-After} header (for example on a 503). */
  public Fault withRetryAfter(int seconds) {
    return new Fault(
        method,
        pathContains,
        kind,
        status,
        seconds,
        delay,
        errorCode,
        errorMessage,
        times,
        inBatch);
  }

  /** The same fault for {@code count} matching requests. */
  public Fault withTimes(int count) {
    return new Fault(
        method,
        pathContains,
        kind,
        status,
        retryAfterSeconds,
        delay,
        errorCode,
        errorMessage,
        count,
        inBatch);
  }

  /** The same fault matching the requests inside a {@code $batch} instead of whole requests. */
  public Fault inBatchParts() {
    return new Fault(
        method,
        pathContains,
        kind,
        status,
        retryAfterSeconds,
        delay,
        errorCode,
        errorMessage,
        times,
        true);
  }

  boolean matches(String requestMethod, String target) {
    return (method == null || method.equals(requestMethod)) && target.contains(pathContains);
  }
}
