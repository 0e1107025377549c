package com.opencx.handoff.emulators.directline;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lenient query parsing for the WebSocket handshake, which arrives outside the shared HTTP front
 * door and so cannot use its strict {@code Request.queryParameters()}; the first value of a
 * repeated name wins.
 */
final class QueryString {

  private QueryString() {}

  static Map<String, String> parse(String rawQuery) {
    Map<String, String> result = new LinkedHashMap<>();
    if (rawQuery == null) {
      return result;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      result.putIfAbsent(name, value);
    }
    return result;
  }
}
