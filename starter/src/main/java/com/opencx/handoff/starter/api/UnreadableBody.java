package com.opencx.handoff.starter.api;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.opencx.handoff.starter.api.RequestValidator.Violation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Names the field and the rule for a body Jackson could not read: a value of the wrong type, a null
 * in a list, a repeated key, {@code NaN} or {@code Infinity}, a number out of range, bytes that are
 * not UTF-8. Jackson's own messages are not passed on: they quote the input, which may be customer
 * data, and speak of Java types a caller knows nothing about.
 */
final class UnreadableBody {

  static final String TIMESTAMP_HINT = "timestamps are ISO-8601, e.g. 2026-11-24T10:15:30Z";

  private UnreadableBody() {}

  static Violation violation(HttpMessageNotReadableException e) {
    // A read error inside a nested object arrives wrapped in a mapping error naming only the
    // object; the parser's own context names the field.
    if (e.getCause() instanceof JsonMappingException mapping
        && !(mapping.getCause() instanceof StreamReadException)
        && !mapping.getPath().isEmpty()) {
      String field = path(mapping);
      if (mapping instanceof InvalidNullException) {
        return new Violation(field, "must not be null");
      }
      return new Violation(field, "has the wrong type or format (" + TIMESTAMP_HINT + ")");
    }
    Throwable cause = e.getCause() instanceof JsonMappingException m ? m.getCause() : e.getCause();
    if (cause instanceof StreamReadException read) {
      String message = String.valueOf(read.getOriginalMessage());
      JsonStreamContext at =
          read.getProcessor() == null ? null : read.getProcessor().getParsingContext();
      String field = path(at);
      if (message.startsWith("Duplicate field '") && at != null) {
        // The parser refuses the repeated key before making it current: name it from the message.
        String key = message.substring(17, message.indexOf('\'', 17));
        String parent = path(at.getParent());
        return new Violation(
            parent.isEmpty() ? key : parent + "." + key,
            "appears more than once; each key may appear only once");
      }
      if (message.contains("'NaN'") || message.contains("Infinity'")) {
        return new Violation(
            orBody(field), "must be a finite number (NaN and Infinity are not JSON numbers)");
      }
      if (read instanceof InputCoercionException) {
        return new Violation(
            orBody(field), "is out of range (at most 9223372036854775807 for a whole number)");
      }
      if (message.contains("UTF-8") || message.contains("UTF8")) {
        return new Violation(orBody(field), "must be valid UTF-8 text");
      }
      return new Violation(
          "body",
          "must be well-formed JSON (line "
              + read.getLocation().getLineNr()
              + ", column "
              + read.getLocation().getColumnNr()
              + ")");
    }
    return new Violation("body", "must be a JSON object");
  }

  private static String orBody(String field) {
    return field.isEmpty() ? "body" : field;
  }

  private static String path(JsonMappingException mapping) {
    return mapping.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  /** Where the parser stood, as {@code media[0].fileName}. */
  private static String path(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null; c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      } else if (c.inArray()) {
        parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      }
    }
    String joined = String.join("", parts);
    return joined.startsWith(".") ? joined.substring(1) : joined;
  }
}
