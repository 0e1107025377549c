package com.opencx.handoff.emulators.dataverse;

import com.opencx.handoff.emulators.http.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the MIME layers of {@code $batch}: {@code multipart/mixed} parts, the HTTP
 * request carried inside an {@code application/http} part, and the HTTP response written into one.
 * Input line ends may be CRLF or LF; the text handed in must already use LF only (JSON bodies never
 * contain a raw line break inside a string, so normalising is lossless).
 */
final class Multipart {

  static final String CRLF = "\r\n";

  private static final Pattern BOUNDARY =
      Pattern.compile("(?i)^\\s*multipart/mixed\\s*;.*?boundary=(\"([^\"]+)\"|([^;\\s]+)).*$");

  /** One MIME part: its headers (lower-case names) and its body. */
  record Part(Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** The HTTP request inside an {@code application/http} part. */
  record HttpRequest(String method, String target, Map<String, String> headers, String body) {}

  private Multipart() {}

  /** The boundary of a {@code multipart/mixed} content type, or null for any other type. */
  static String boundary(String contentType) {
    if (contentType == null) {
      return null;
    }
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.matches()) {
      return null;
    }
    return m.group(2) != null ? m.group(2) : m.group(3);
  }

  /** Splits a multipart body into its parts; the preamble and epilogue are ignored. */
  static List<Part> parts(String text, String boundary) {
    String delimiter = "--" + boundary;
    List<Part> parts = new ArrayList<>();
    StringBuilder current = null;
    boolean closed = false;
    for (String line : text.split("\n", -1)) {
      String trimmed = line.stripTrailing();
      if (trimmed.equals(delimiter) || trimmed.equals(delimiter + "--")) {
        if (current != null) {
          parts.add(part(current));
        }
        if (trimmed.endsWith("--")) {
          closed = true;
          break;
        }
        current = new StringBuilder();
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    if (!closed) {
      throw DataverseException.badRequest(
          "Malformed multipart body: the closing delimiter '" + delimiter + "--' is missing");
    }
    if (parts.isEmpty()) {
      throw DataverseException.badRequest(
          "The multipart body with boundary " + boundary + " has no parts");
    }
    return parts;
  }

  /** Parses the HTTP request carried by an {@code application/http} part. */
  static HttpRequest httpRequest(String text) {
    int blank = headerEnd(text);
    String head = blank < 0 ? text : text.substring(0, blank);
    String body = blank < 0 ? "" : text.substring(blank + 2).strip();
    String[] lines = head.split("\n");
    String[] requestLine = lines[0].trim().split(" +");
    if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/")) {
      throw DataverseException.badRequest(
          "Malformed request line in a batch part: '"
              + lines[0].trim()
              + "' (expected 'METHOD url HTTP/1.1')");
    }
    Map<String, String> headers = headers(lines, 1);
    return new HttpRequest(requestLine[0].toUpperCase(Locale.ROOT), requestLine[1], headers, body);
  }

  private static Part part(StringBuilder content) {
    // the line break before a delimiter belongs to the delimiter
    String text = content.length() > 0 ? content.substring(0, content.length() - 1) : "";
    if (text.startsWith("\n")) {
      return new Part(Map.of(), text.substring(1));
    }
    int blank = headerEnd(text);
    if (blank < 0) {
      return new Part(headers(text.split("\n"), 0), "");
    }
    return new Part(headers(text.substring(0, blank).split("\n"), 0), text.substring(blank + 2));
  }

  private static int headerEnd(String text) {
    return text.indexOf("\n\n");
  }

  private static Map<String, String> headers(String[] lines, int from) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = from; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw DataverseException.badRequest(
            "Malformed header line in a batch part: '" + line + "'");
      }
      headers.merge(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
    return headers;
  }

  /** Appends one {@code application/http} response part (headers, status line, body), CRLF. */
  static void writeResponse(StringBuilder out, String contentId, Response response) {
    out.append("Content-Type: application/http").append(CRLF);
    out.append("Content-Transfer-Encoding: binary").append(CRLF);
    if (contentId != null) {
      out.append("Content-ID: ").append(contentId).append(CRLF);
    }
    out.append(CRLF);
    out.append("HTTP/1.1 ")
        .append(response.status())
        .append(' ')
        .append(reason(response.status()))
        .append(CRLF);
    out.append("OData-Version: 4.0").append(CRLF);
    response.headers().forEach((k, v) -> out.append(k).append(": ").append(v).append(CRLF));
    out.append(CRLF);
    out.append(response.bodyText()).append(CRLF);
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 201:
        return "Created";
      case 204:
        return "No Content";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 412:
        return "Precondition Failed";
      case 413:
        return "Payload Too Large";
      case 415:
        return "Unsupported Media Type";
      case 429:
        return "Too Many Requests";
      case 503:
        return "Service Unavailable";
      default:
        return status >= 500 ? "Server Error" : "Error";
    }
  }
}
