package com.opencx.handoff.emulators.opencx;

import com.opencx.handoff.emulators.http.Json;
import com.opencx.handoff.emulators.http.Request;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The emulated OpenCX API's reading of request bodies: every endpoint parses JSON and checks its
 * fields the same way, so that a client bug always gets a 400 naming the field and the rule. The
 * messages quote a rejected value only for identifiers and timestamps, never for free text a
 * customer or rep wrote.
 */
final class Fields {

  private Fields() {}

  static Map<String, Object> body(Request request) {
    try {
      return Json.readObject(request.body());
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "bad_request", e.getMessage());
    }
  }

  static void requireMethod(Request request, String method) {
    if (!request.method().equals(method)) {
      throw new ApiError(
          405, "method_not_allowed", request.path() + " accepts " + method + " only");
    }
  }

  /** A required non-blank string; the rejected value is quoted (use for identifiers only). */
  static String requiredString(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (!(value instanceof String) || ((String) value).isBlank()) {
      throw ApiError.badField(field, "is required and must be a non-empty string, was " + value);
    }
    return (String) value;
  }

  /** A required ISO-8601 timestamp with an offset, e.g. {@code 2025-01-02T10:00:00Z}. */
  static Instant requiredInstant(Map<String, Object> body, String field) {
    String value = requiredString(body, field);
    try {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value, Instant::from);
    } catch (DateTimeParseException e) {
      throw ApiError.badField(field, "must be an ISO-8601 timestamp, was " + value);
    }
  }

  /** An optional non-blank string (null when absent); the value is never quoted. */
  static String optionalText(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String) || ((String) value).isBlank()) {
      throw ApiError.badField(field, "must be a non-empty string when present");
    }
    return (String) value;
  }

  /** An optional JSON array (null when absent). */
  static List<?> optionalArray(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof List<?> list)) {
      throw ApiError.badField(field, "must be a JSON array");
    }
    return list;
  }

  /** An optional JSON object (null when absent). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> optionalObject(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map)) {
      throw ApiError.badField(field, "must be a JSON object");
    }
    return (Map<String, Object>) value;
  }
}
