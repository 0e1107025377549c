package com.opencx.handoff.activities.dynamics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Writes and reads the OData {@code $batch} multipart format Dataverse uses, limited to what this
 * service needs: one atomic change set of JSON {@code PATCH} requests out, and the per-request
 * statuses back. Boundaries are derived from a seed (the work item id), so the same call always
 * sends the same bytes. The reader accepts the answer's own boundaries, CRLF or bare LF, and a
 * change set answered either part by part or, when it failed, by the single failing response.
 */
final class ODataBatch {

  private static final String CRLF = "\r\n";

  /** One request of the change set; {@code ifNoneMatch} is null for an unconditional upsert. */
  record Part(String url, String ifNoneMatch, byte[] json) {}

  /** One response: its {@code Content-ID} (null when absent), status, headers and body. */
  record PartResponse(String contentId, int status, Map<String, String> headers, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private ODataBatch() {}

  /** {@code batch_<uuid>}, the same for the same seed. */
  static String batchBoundary(String seed) {
    return "batch_" + UUID.nameUUIDFromBytes(("batch:" + seed).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code changeset_<uuid>}, the same for the same seed. */
  static String changesetBoundary(String seed) {
    return "changeset_"
        + UUID.nameUUIDFromBytes(("changeset:" + seed).getBytes(StandardCharsets.UTF_8));
  }

  /** The body of a {@code $batch} holding one change set of {@code PATCH} requests. */
  static byte[] changeSet(String batchBoundary, String changesetBoundary, List<Part> parts) {
    StringBuilder out = new StringBuilder();
    out.append("--").append(batchBoundary).append(CRLF);
    out.append("Content-Type: multipart/mixed; boundary=").append(changesetBoundary).append(CRLF);
    out.append(CRLF);
    int contentId = 1;
    for (Part part : parts) {
      out.append("--").append(changesetBoundary).append(CRLF);
      out.append("Content-Type: application/http").append(CRLF);
      out.append("Content-Transfer-Encoding: binary").append(CRLF);
      out.append("Content-ID: ").append(contentId++).append(CRLF);
      out.append(CRLF);
      out.append("PATCH ").append(part.url()).append(" HTTP/1.1").append(CRLF);
      out.append("Content-Type: application/json").append(CRLF);
      if (part.ifNoneMatch() != null) {
        out.append("If-None-Match: ").append(part.ifNoneMatch()).append(CRLF);
      }
      out.append(CRLF);
      out.append(new String(part.json(), StandardCharsets.UTF_8)).append(CRLF);
    }
    out.append("--").append(changesetBoundary).append("--").append(CRLF);
    out.append(CRLF);
    out.append("--").append(batchBoundary).append("--").append(CRLF);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Every HTTP response inside a multipart answer, change sets flattened, in order. */
  static List<PartResponse> parse(String contentType, byte[] body) {
    List<PartResponse> responses = new ArrayList<>();
    parseMultipart(contentType, new String(body, StandardCharsets.UTF_8), responses);
    return responses;
  }

  private static void parseMultipart(String contentType, String text, List<PartResponse> out) {
    String boundary = boundary(contentType);
    String delimiter = "--" + boundary;
    int at = text.indexOf(delimiter);
    while (at >= 0) {
      int start = at + delimiter.length();
      if (text.startsWith("--", start)) {
        return; // closing delimiter
      }
      int next = text.indexOf(delimiter, start);
      String part = text.substring(start, next < 0 ? text.length() : next);
      readPart(stripLeadingNewline(part), out);
      at = next;
    }
  }

  private static void readPart(String part, List<PartResponse> out) {
    String[] split = splitHeaders(part);
    Map<String, String> mime = headers(split[0]);
    String type = mime.getOrDefault("content-type", "");
    if (type.toLowerCase(Locale.ROOT).startsWith("multipart/mixed")) {
      parseMultipart(type, split[1], out);
      return;
    }
    String http = stripLeadingNewline(split[1]);
    int lineEnd = http.indexOf('\n');
    String statusLine = (lineEnd < 0 ? http : http.substring(0, lineEnd)).trim();
    String[] words = statusLine.split(" ", 3);
    if (words.length < 2 || !words[0].startsWith("HTTP/")) {
      throw new IllegalArgumentException("not an HTTP response in $batch answer: " + statusLine);
    }
    String[] inner = splitHeaders(lineEnd < 0 ? "" : http.substring(lineEnd + 1));
    Map<String, String> headers = headers(inner[0]);
    String contentId = mime.getOrDefault("content-id", headers.get("content-id"));
    out.add(new PartResponse(contentId, Integer.parseInt(words[1]), headers, inner[1].trim()));
  }

  /** [headers, rest] split at the first empty line. */
  private static String[] splitHeaders(String text) {
    int crlf = text.indexOf("\r\n\r\n");
    int lf = text.indexOf("\n\n");
    if (crlf >= 0 && (lf < 0 || crlf < lf)) {
      return new String[] {text.substring(0, crlf), text.substring(crlf + 4)};
    }
    if (lf >= 0) {
      return new String[] {text.substring(0, lf), text.substring(lf + 2)};
    }
    return new String[] {text, ""};
  }

  private static Map<String, String> headers(String block) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : block.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    return headers;
  }

  private static String boundary(String contentType) {
    for (String parameter : contentType.split(";")) {
      String[] pair = parameter.trim().split("=", 2);
      if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("boundary")) {
        return pair[1].trim().replace("\"", "");
      }
    }
    throw new IllegalArgumentException("multipart answer without a boundary: " + contentType);
  }

  private static String stripLeadingNewline(String text) {
    if (text.startsWith("\r\n")) {
      return text.substring(2);
    }
    return text.startsWith("\n") ? text.substring(1) : text;
  }
}
