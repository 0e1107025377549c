package com.opencx.handoff.emulators.http;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the fields of one control request's JSON body and refuses, naming the field, anything that
 * is not what the control expects (a wrong type, a value out of range, a field it does not know),
 * so that a mistyped rehearsal fails loudly with a 400 instead of arming something else.
 */
public final class ControlFields {

  /** A field the control cannot accept; answered 400 with {@code error.field}. */
  public static final class BadField extends IllegalArgumentException {
    private final String field;

    public BadField(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  private final Map<String, Object> body;

  public ControlFields(Map<String, Object> body, Set<String> known) {
    this.body = body;
    for (String name : body.keySet()) {
      if (!known.contains(name)) {
        throw new BadField(name, "unknown field '" + name + "'; known: " + new TreeSet<>(known));
      }
    }
  }

  /**
   * The body of {@code request} read as a JSON object, refusing the fields not in {@code known}.
   */
  public static ControlFields of(Request request, Set<String> known) {
    return new ControlFields(body(request), known);
  }

  /** The body of {@code request} as a JSON object; a body that is not one is a bad field "". */
  public static Map<String, Object> body(Request request) {
    try {
      return Json.readObject(request.body());
    } catch (IllegalArgumentException e) {
      throw new BadField("", e.getMessage());
    }
  }

  public boolean has(String name) {
    return body.get(name) != null;
  }

  /** A string field, or {@code fallback} when absent or null. */
  public String string(String name, String fallback) {
    Object value = body.get(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String text)) {
      throw new BadField(name, name + " must be a string, was " + value);
    }
    return text;
  }

  /** A required non-blank string field. */
  public String requiredString(String name) {
    String value = string(name, null);
    if (value == null || value.isBlank()) {
      throw new BadField(name, name + " is required (a non-blank string)");
    }
    return value;
  }

  /** An integer field within {@code min..max}, or {@code fallback} when absent or null. */
  public int integer(String name, int fallback, int min, int max) {
    Object value = body.get(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Integer number)) {
      throw new BadField(name, name + " must be an integer, was " + value);
    }
    if (number < min || number > max) {
      throw new BadField(
          name, name + " must be between " + min + " and " + max + ", was " + number);
    }
    return number;
  }

  /** A required integer field within {@code min..max}. */
  public int requiredInteger(String name, int min, int max) {
    if (!has(name)) {
      throw new BadField(name, name + " is required (an integer " + min + ".." + max + ")");
    }
    return integer(name, 0, min, max);
  }

  /** A boolean field, or {@code fallback} when absent or null. */
  public boolean bool(String name, boolean fallback) {
    Object value = body.get(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean flag)) {
      throw new BadField(name, name + " must be true or false, was " + value);
    }
    return flag;
  }

  /** An object field (for example a row's columns), or an empty map when absent. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> object(String name) {
    Object value = body.get(name);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new BadField(name, name + " must be a JSON object, was " + value);
    }
    return (Map<String, Object>) map;
  }
}
