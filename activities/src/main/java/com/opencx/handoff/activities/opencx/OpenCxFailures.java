package com.opencx.handoff.activities.opencx;

import com.opencx.handoff.workflows.activities.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Turns what went wrong on a call to OpenCX into the Temporal {@link ApplicationFailure} the
 * workflow decides from (SPEC §5.1): 429 is retried no sooner than {@code Retry-After}; 408, 5xx
 * and I/O failures are retried with backoff; a 409 (the handoff call, an agent message) is a
 * conflict with the session's state; a 422 {@code window_closed} on an agent message is WhatsApp's
 * 24-hour rule; any other refusal is a configuration fault that no retry fixes. Messages name the
 * status and the call as a route template ({@code POST /v1/sessions/{id}/handoff}) and never
 * include a response body, which may carry the customer's phone, email or name. Failures from an
 * HTTP answer carry its status code as their only detail ({@code
 * failure.getDetails().get(Integer.class)}), e.g. so that the media step can tell a missing item
 * (404) from a wrong key; the window's carries the instant it closed instead.
 */
final class OpenCxFailures {

  private OpenCxFailures() {}

  /** The failure for a non-2xx answer to {@code route}. */
  static ApplicationFailure forStatus(int status, String route, String retryAfter, Instant now) {
    if (status == 429) {
      Optional<Duration> delay = retryAfter(retryAfter, now);
      ApplicationFailure.Builder failure =
          ApplicationFailure.newBuilder()
              .setType(FailureTypes.OPENCX_THROTTLED)
              .setDetails(status)
              .setMessage(
                  "OpenCX throttled "
                      + route
                      + " (HTTP 429)"
                      + delay.map(d -> "; retry after " + d.toSeconds() + "s").orElse(""));
      delay.ifPresent(failure::setNextRetryDelay);
      return failure.build();
    }
    if (status == 408 || status >= 500) {
      return ApplicationFailure.newBuilder()
          .setType(FailureTypes.OPENCX_UNAVAILABLE)
          .setDetails(status)
          .setMessage("OpenCX failed " + route + " with HTTP " + status)
          .build();
    }
    return ApplicationFailure.newBuilder()
        .setType(FailureTypes.OPENCX_REJECTED_CALL)
        .setDetails(status)
        .setNonRetryable(true)
        .setMessage("OpenCX rejected " + route + " with HTTP " + status + hint(status))
        .build();
  }

  /** A 409 on the handoff call: OpenCX already records another work item for the session. */
  static ApplicationFailure conflict(String route) {
    return conflict(route, "the session is already handed off to another work item");
  }

  /** A 409: the session's state at OpenCX does not allow the call, for the reason given. */
  static ApplicationFailure conflict(String route, String reason) {
    return ApplicationFailure.newBuilder()
        .setType(FailureTypes.OPENCX_CONFLICT)
        .setDetails(409)
        .setNonRetryable(true)
        .setMessage("OpenCX rejected " + route + " with HTTP 409: " + reason)
        .build();
  }

  /**
   * A 422 {@code window_closed}: WhatsApp refuses free-form content 24 hours after the customer's
   * last inbound message; only a template may be sent. The only detail is {@code closedAt} as an
   * ISO-8601 instant ({@code getDetails().get(String.class)}), or null when OpenCX gave no readable
   * one (the value is then left out of the message too, as it came from the response body).
   */
  static ApplicationFailure windowClosed(String route, String closedAt) {
    Optional<Instant> at = instant(closedAt);
    ApplicationFailure.Builder failure =
        ApplicationFailure.newBuilder()
            .setType(FailureTypes.OPENCX_WINDOW_CLOSED)
            .setNonRetryable(true)
            .setMessage(
                "OpenCX refused "
                    + route
                    + " with HTTP 422: the WhatsApp window closed"
                    + at.map(i -> " at " + i).orElse("")
                    + "; only an approved template can be sent");
    // One detail either way, so that getDetails().get(String.class) is null rather than a throw.
    return failure.setDetails(at.map(Instant::toString).orElse(null)).build();
  }

  /** Connect failure, timeout or reset: OpenCX may be back on the next attempt. */
  static ApplicationFailure unreachable(String route, IOException cause) {
    return ApplicationFailure.newBuilder()
        .setType(FailureTypes.OPENCX_UNAVAILABLE)
        .setMessage(
            "OpenCX unreachable on "
                + route
                + ": "
                + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"))
        .setCause(cause)
        .build();
  }

  /**
   * A 2xx whose body is not the JSON the contract promises. Retryable (it may be a proxy's error
   * page); the parser's message is left out because it quotes the body.
   */
  static ApplicationFailure unreadable(String route) {
    return ApplicationFailure.newBuilder()
        .setType(FailureTypes.OPENCX_UNAVAILABLE)
        .setMessage("OpenCX answered " + route + " with a body that is not the expected JSON")
        .build();
  }

  /**
   * {@code Retry-After} as delta-seconds or an HTTP-date (RFC 9110 §10.2.3); empty when absent,
   * unparseable or not in the future.
   */
  static Optional<Duration> retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    Duration delay;
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        delay = Duration.ofSeconds(Long.parseLong(v));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    } else {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        delay = Duration.between(now, at);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return delay.isNegative() || delay.isZero() ? Optional.empty() : Optional.of(delay);
  }

  private static Optional<Instant> instant(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value, Instant::from));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String hint(int status) {
    return switch (status) {
      case 400 -> ": the request does not match OpenCX's contract";
      case 401, 403 -> ": check opencx.api-key";
      case 404 -> ": OpenCX does not know the session or item";
      case 409 -> ": conflicting state at OpenCX";
      default -> "";
    };
  }
}
