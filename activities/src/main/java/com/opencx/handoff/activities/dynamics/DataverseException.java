package com.opencx.handoff.activities.dynamics;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.activities.http.RetryAfter;
import com.opencx.handoff.workflows.activities.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A Dataverse call that did not succeed: the HTTP status (0 when no answer came: connection
 * failure, reset, timeout), Dataverse's {@code error.code} and {@code error.message}, the operation
 * as method and entity set (never the query, which may hold an email or phone) and any {@code
 * Retry-After}. It exists so that the single mapping onto Temporal failure types ({@link
 * #toApplicationFailure()}, see SPEC §5.1) is decided in one place for every activity.
 */
public final class DataverseException extends RuntimeException {

  private final int status;
  private final String errorCode;
  private final String dataverseMessage;
  private final String operation;
  private final transient Duration retryAfter;

  DataverseException(
      int status,
      String errorCode,
      String dataverseMessage,
      String operation,
      Duration retryAfter,
      Throwable cause) {
    super(describe(status, errorCode, dataverseMessage, operation), cause);
    this.status = status;
    this.errorCode = errorCode == null ? "" : errorCode;
    this.dataverseMessage = dataverseMessage == null ? "" : dataverseMessage;
    this.operation = operation;
    this.retryAfter = retryAfter;
  }

  /** The HTTP status, or 0 when Dataverse never answered. */
  public int status() {
    return status;
  }

  /** Dataverse's {@code error.code}, often empty, e.g. {@code 0x80040237}. */
  public String errorCode() {
    return errorCode;
  }

  /**
   * Dataverse's {@code error.message} as sent, unmasked (never log it), empty when the body had
   * none.
   */
  public String dataverseMessage() {
    return dataverseMessage;
  }

  /** e.g. {@code PATCH msdyn_ocliveworkitems}. */
  public String operation() {
    return operation;
  }

  /** The {@code Retry-After} of a 429 or 503, null when absent. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The {@link FailureTypes} constant this failure maps to. */
  public String failureType() {
    return switch (status) {
      case 400, 412, 413 -> FailureTypes.DATAVERSE_BAD_REQUEST;
      case 401 -> FailureTypes.DATAVERSE_UNAUTHORIZED;
      case 403 -> FailureTypes.DATAVERSE_FORBIDDEN;
      case 404 -> FailureTypes.DATAVERSE_NOT_FOUND;
      case 429 -> FailureTypes.DATAVERSE_THROTTLED;
      default ->
          status >= 400 && status < 500 && status != 408
              ? FailureTypes.DATAVERSE_BAD_REQUEST
              : FailureTypes.DATAVERSE_UNAVAILABLE;
    };
  }

  /**
   * The Temporal failure an activity throws: non-retryable for faults only an operator can fix,
   * retryable otherwise, with the next retry delayed by {@code Retry-After} when Dataverse sent
   * one.
   */
  public ApplicationFailure toApplicationFailure() {
    String type = failureType();
    ApplicationFailure.Builder failure =
        ApplicationFailure.newBuilder()
            .setType(type)
            .setMessage(getMessage())
            .setNonRetryable(FailureTypes.NON_RETRYABLE.contains(type));
    if (retryAfter != null && !FailureTypes.NON_RETRYABLE.contains(type)) {
      failure.setNextRetryDelay(retryAfter);
    }
    return failure.build();
  }

  /** From an unsuccessful answer: Dataverse's {@code error} body and {@code Retry-After}. */
  static DataverseException fromAnswer(
      int status, byte[] body, String retryAfterHeader, String operation) {
    String code = "";
    String message = "";
    try {
      JsonNode error = DataverseClient.MAPPER.readTree(body).path("error");
      code = error.path("code").asText("");
      message = error.path("message").asText("");
    } catch (IOException | RuntimeException notJson) {
      // Gateways answer 502/503 with HTML: the status says enough.
    }
    return new DataverseException(
        status, code, message, operation, retryAfter(retryAfterHeader), null);
  }

  /** From one failed request inside a {@code $batch} answer. */
  static DataverseException fromBatchPart(ODataBatch.PartResponse part, String operation) {
    return fromAnswer(
        part.status(),
        part.body().getBytes(StandardCharsets.UTF_8),
        part.headers().get("retry-after"),
        operation);
  }

  /** {@code Retry-After} as seconds or an HTTP-date; null when absent, unreadable or past. */
  static Duration retryAfter(String value) {
    return RetryAfter.parse(value);
  }

  private static String describe(int status, String code, String message, String operation) {
    StringBuilder text = new StringBuilder(operation).append(": ");
    text.append(status == 0 ? "no answer" : "HTTP " + status);
    if (code != null && !code.isEmpty()) {
      text.append(", Dataverse error ").append(code);
    }
    if (message != null && !message.isEmpty()) {
      text.append(": ").append(PersonalDataMask.mask(message));
    }
    return text.toString();
  }
}
