package com.opencx.handoff.activities.directline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencx.handoff.activities.http.RetryAfter;
import com.opencx.handoff.workflows.activities.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;

/**
 * One Direct Line call that did not succeed, kept inside this package so that the exactly-once
 * poster can ask the one question the Temporal failure cannot answer: might the activity have been
 * delivered anyway? Everything else leaves as the {@link ApplicationFailure} of {@link
 * #toFailure()}, the single mapping onto {@link FailureTypes} (SPEC §5.1, directline.md §3 and §8):
 * 429 is DirectLineThrottled with {@code Retry-After} as the next delay; 408, 5xx, timeouts and
 * resets are DirectLineUnavailable; every other refusal (400, 401, 403, 404, 413, a redirect we do
 * not follow, a payload refused before sending) is DirectLineRejected and non-retryable, a
 * configuration or payload fault the workflow parks on. Messages name the route template and Direct
 * Line's stable {@code error.code}, with its {@code error.message} masked ({@link DirectLineMask});
 * never the secret, the body or the conversation id.
 *
 * <p><b>Ambiguous</b> failures, where the activity may have reached the conversation: any 5xx
 * (directline.md §3: a 502 {@code BotError} "bot timed out" was delivered; a 500, 503 or 504 from a
 * front end may come after the store), any I/O failure once a connection existed (a read timeout
 * after the request went out, a reset or dropped connection), and a 2xx whose body we cannot read.
 * Not ambiguous: every 4xx (including 408 and 429, refusals before processing) and connect-phase
 * failures (refused, unknown host, no route, TLS handshake), where nothing was sent.
 */
final class DirectLineException extends RuntimeException {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final int status;
  private final String type;
  private final boolean ambiguous;
  private final transient Duration retryAfter;

  private DirectLineException(
      String message,
      int status,
      String type,
      boolean ambiguous,
      Duration retryAfter,
      Throwable cause) {
    super(message, cause);
    this.status = status;
    this.type = type;
    this.ambiguous = ambiguous;
    this.retryAfter = retryAfter;
  }

  /** From a non-2xx answer: Direct Line's {@code {"error":{"code","message"}}} when present. */
  static DirectLineException fromAnswer(int status, byte[] body, String retryAfter, String route) {
    String code = "";
    String message = "";
    try {
      JsonNode error = MAPPER.readTree(body).path("error");
      code = error.path("code").asText("");
      message = error.path("message").asText("");
    } catch (IOException | RuntimeException notJson) {
      // Gateways answer with HTML; the status says enough.
    }
    String type =
        status == 429
            ? FailureTypes.DIRECT_LINE_THROTTLED
            : status == 408 || status >= 500
                ? FailureTypes.DIRECT_LINE_UNAVAILABLE
                : FailureTypes.DIRECT_LINE_REJECTED;
    StringBuilder text = new StringBuilder("Direct Line ").append(route).append(": HTTP ");
    text.append(status);
    if (!code.isEmpty()) {
      text.append(", error ").append(DirectLineMask.mask(code));
    }
    if (!message.isEmpty()) {
      text.append(": ").append(DirectLineMask.mask(message));
    }
    text.append(hint(status));
    Duration delay = status == 429 ? parseRetryAfter(retryAfter) : null;
    return new DirectLineException(text.toString(), status, type, status >= 500, delay, null);
  }

  /** No answer: connect failure, timeout, reset. */
  static DirectLineException unreachable(String route, IOException cause) {
    boolean nothingSent =
        cause instanceof ConnectException
            || cause instanceof UnknownHostException
            || cause instanceof NoRouteToHostException
            || cause instanceof SSLHandshakeException;
    String text =
        "Direct Line "
            + route
            + ": no answer, "
            + cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
    return new DirectLineException(
        text, 0, FailureTypes.DIRECT_LINE_UNAVAILABLE, !nothingSent, null, cause);
  }

  /** A 2xx whose body is not the promised JSON; the parser's message would quote the body. */
  static DirectLineException unreadable(String route, int status) {
    return new DirectLineException(
        "Direct Line " + route + ": HTTP " + status + " with a body that is not the expected JSON",
        status,
        FailureTypes.DIRECT_LINE_UNAVAILABLE,
        true,
        null,
        null);
  }

  /** Refused before anything was sent, e.g. an upload over the 4 MB cap. */
  static DirectLineException refused(String route, String why) {
    return new DirectLineException(
        "Direct Line " + route + ": not sent, " + why,
        0,
        FailureTypes.DIRECT_LINE_REJECTED,
        false,
        null,
        null);
  }

  /** True when the activity may have been delivered although the call failed (see the class). */
  boolean ambiguous() {
    return ambiguous;
  }

  /** The HTTP status, 0 when none came. */
  int status() {
    return status;
  }

  /** The Temporal failure an activity throws. */
  ApplicationFailure toFailure() {
    boolean rejected = type.equals(FailureTypes.DIRECT_LINE_REJECTED);
    ApplicationFailure.Builder failure =
        ApplicationFailure.newBuilder()
            .setType(type)
            .setMessage(getMessage())
            .setNonRetryable(rejected)
            .setCause(getCause());
    if (status > 0) {
      failure.setDetails(status);
    }
    if (retryAfter != null) {
      failure.setNextRetryDelay(retryAfter);
    }
    return failure.build();
  }

  /** {@code Retry-After} as seconds or an HTTP-date (directline.md §8); null if absent or past. */
  static Duration parseRetryAfter(String value) {
    return RetryAfter.parse(value);
  }

  private static String hint(int status) {
    return switch (status) {
      case 401 -> "; check the channel's directline.channels[].secret";
      case 403 -> "; a regional bot needs its regional directline.base-url, or the bot is gone";
      case 404 -> "; unknown conversation (Direct Line forgets idle ones) or wrong URL";
      case 413 -> "; the activity is too large";
      default -> "";
    };
  }
}
