package com.opencx.handoff.emulators.opencx;

import com.opencx.handoff.emulators.http.Request;
import com.opencx.handoff.emulators.http.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The files a session holds in the emulated OpenCX: those the customer sent (seeded by a test) and
 * those a rep uploads ({@code POST /v1/sessions/{id}/media}) before an agent message references
 * them. Both are served the same way by {@code GET /v1/sessions/{id}/media/{mediaId}}, so a test
 * can read back exactly the bytes a client uploaded. {@code X-File-Name} is percent-decoded as
 * UTF-8 (a client percent-encodes a name that is not plain ASCII, as headers must be). Not
 * thread-safe by itself: {@link OpenCxApi} calls it under its own lock.
 */
final class SessionMedia {

  private record Item(String contentType, String fileName, byte[] bytes, boolean uploaded) {}

  private final Map<String, Item> items = new LinkedHashMap<>();

  /** Seeds a customer's file. */
  void put(String sessionId, String mediaId, String contentType, byte[] bytes) {
    items.put(key(sessionId, mediaId), new Item(contentType, null, bytes.clone(), false));
  }

  boolean holds(String sessionId, String mediaId) {
    return items.containsKey(key(sessionId, mediaId));
  }

  Response serve(String sessionId, String mediaId) {
    Item item = items.get(key(sessionId, mediaId));
    if (item == null) {
      throw new ApiError(
          404, "not_found", "No media '" + mediaId + "' in session '" + sessionId + "'");
    }
    return Response.bytes(200, item.contentType(), item.bytes());
  }

  /** Stores a rep's upload under a new media id: 201 {@code {mediaId}}. */
  Response upload(String sessionId, Request request) {
    String contentType = request.header("Content-Type");
    if (contentType == null || contentType.isBlank()) {
      throw new ApiError(400, "bad_request", "Header 'Content-Type' is required");
    }
    if (request.body().length == 0) {
      throw new ApiError(400, "bad_request", "The request body is empty; the file's bytes needed");
    }
    String fileName = request.header("X-File-Name");
    if (fileName != null) {
      try {
        fileName = Request.decodePath(fileName);
      } catch (IllegalArgumentException e) {
        throw new ApiError(400, "bad_request", "Header 'X-File-Name' has a malformed %-escape");
      }
    }
    String mediaId = "rep-" + UUID.randomUUID();
    items.put(
        key(sessionId, mediaId), new Item(contentType, fileName, request.body().clone(), true));
    return Response.json(201, Map.of("mediaId", mediaId));
  }

  /** {@code {mediaId, contentType, fileName, size}} of each rep upload, in order. */
  List<Map<String, Object>> uploaded(String sessionId) {
    List<Map<String, Object>> result = new ArrayList<>();
    String prefix = key(sessionId, "");
    items.forEach(
        (key, item) -> {
          if (item.uploaded() && key.startsWith(prefix)) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("mediaId", key.substring(prefix.length()));
            info.put("contentType", item.contentType());
            info.put("fileName", item.fileName());
            info.put("size", item.bytes().length);
            result.add(Collections.unmodifiableMap(info));
          }
        });
    return result;
  }

  private static String key(String sessionId, String mediaId) {
    return sessionId + "/" + mediaId;
  }
}
