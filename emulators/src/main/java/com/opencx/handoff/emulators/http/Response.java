package com.opencx.handoff.emulators.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer as an emulator's logic produces it, so that it can go on the wire or into a
 * {@code $batch} response part alike.
 *
 * @param status HTTP status
 * @param headers response headers (insertion order kept)
 * @param body response body, empty for none
 * @param note extra text for the request log (for example what a {@code $batch} did), or null
 */
public record Response(int status, Map<String, String> headers, byte[] body, String note) {

  public Response {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = body == null ? new byte[0] : body;
  }

  /** A response without body. */
  public static Response empty(int status) {
    return new Response(status, Map.of(), new byte[0], null);
  }

  /** A JSON response. */
  public static Response json(int status, Object value) {
    return new Response(status, Map.of("Content-Type", Json.CONTENT_TYPE), Json.write(value), null);
  }

  /** A plain-text or binary response with the given content type. */
  public static Response bytes(int status, String contentType, byte[] body) {
    return new Response(status, Map.of("Content-Type", contentType), body, null);
  }

  /** The {@code {"error":{"code":…,"message":…}}} body both emulated services use. */
  public static Response error(int status, String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code == null ? "" : code);
    error.put("message", message);
    return json(status, Map.of("error", error));
  }

  /** This response with one more header. */
  public Response withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Response(status, copy, body, note);
  }

  /** This response with a note for the request log. */
  public Response withNote(String text) {
    return new Response(status, headers, body, text);
  }

  /** The header's value, or {@code null}; the name is case-insensitive. */
  public String header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
