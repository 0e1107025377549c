package com.opencx.handoff.emulators.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as an emulator's logic sees it, detached from the socket so that the same logic
 * can serve a request that arrived on the wire and one unpacked from a {@code $batch} body.
 *
 * @param method upper-case HTTP method
 * @param path percent-decoded path ('+' stays '+')
 * @param rawQuery the query string exactly as sent (still URL-encoded), or {@code null}
 * @param headers header values keyed by lower-case name; repeated headers joined with ", "
 * @param body the request body, empty when none
 */
public record Request(
    String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {

  public Request {
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** The header's value, or {@code null}; the name is case-insensitive. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The query parameters, each name and value URL-decoded ({@code %2B} is '+', '+' is a space).
   *
   * @throws IllegalArgumentException when a parameter repeats or an escape is malformed
   */
  public Map<String, String> queryParameters() {
    Map<String, String> result = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return result;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decodeQueryComponent(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decodeQueryComponent(pair.substring(eq + 1));
      if (result.putIfAbsent(name, value) != null) {
        throw new IllegalArgumentException("Query option '" + name + "' is specified twice");
      }
    }
    return result;
  }

  /** URL-decodes one query component ('+' becomes a space, {@code %XX} a UTF-8 byte). */
  public static String decodeQueryComponent(String raw) {
    return URLDecoder.decode(raw, StandardCharsets.UTF_8);
  }

  /** Percent-decodes a path; unlike a query, '+' stays '+'. */
  public static String decodePath(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
