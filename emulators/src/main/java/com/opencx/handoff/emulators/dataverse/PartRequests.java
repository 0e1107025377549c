package com.opencx.handoff.emulators.dataverse;

import com.opencx.handoff.emulators.http.Request;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns a {@code $batch} part into the same {@link Request} a plain call would produce, resolving
 * the forms a part URL may take (absolute URL of this environment, {@code /api/data/v9.2/…}, a path
 * relative to it, or a {@code $n} Content-ID reference), so that everything after it is shared with
 * plain calls.
 */
final class PartRequests {

  private final String environmentUrl;

  PartRequests(String environmentUrl) {
    this.environmentUrl = environmentUrl;
  }

  /** The request carried by an {@code application/http} part, its URL resolved. */
  Request read(Multipart.Part part, Map<String, String> contentIds) {
    String type = part.header("Content-Type");
    if (type == null || !type.trim().toLowerCase().startsWith("application/http")) {
      throw DataverseException.badRequest(
          "A batch part must have Content-Type application/http, was " + type);
    }
    String encoding = part.header("Content-Transfer-Encoding");
    if (encoding != null && !encoding.trim().equalsIgnoreCase("binary")) {
      throw DataverseException.badRequest(
          "Content-Transfer-Encoding must be binary, was " + encoding);
    }
    Multipart.HttpRequest http = Multipart.httpRequest(part.body());
    String target = resolve(http.target(), contentIds);
    int q = target.indexOf('?');
    String path = Request.decodePath(q < 0 ? target : target.substring(0, q));
    String query = q < 0 ? null : target.substring(q + 1);
    return new Request(
        http.method(), path, query, http.headers(), http.body().getBytes(StandardCharsets.UTF_8));
  }

  /** Turns a part URL into an absolute path under /api/data/v9.2/. */
  private String resolve(String target, Map<String, String> contentIds) {
    String api = DataverseEmulator.API_PATH;
    if (target.startsWith("http://") || target.startsWith("https://")) {
      URI uri = URI.create(target);
      URI own = URI.create(environmentUrl);
      boolean local = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
      if (!local || uri.getPort() != own.getPort() || !uri.getRawPath().startsWith(api)) {
        throw DataverseException.badRequest(
            "Batch part URL '" + target + "' is not under this environment's " + apiBase());
      }
      return target.substring(target.indexOf(api));
    }
    if (target.startsWith("/")) {
      if (!target.startsWith(api)) {
        throw DataverseException.badRequest("Batch part path '" + target + "' is not under " + api);
      }
      return target;
    }
    if (target.startsWith("$")) {
      int end = 1;
      while (end < target.length() && Character.isDigit(target.charAt(end))) {
        end++;
      }
      String row = contentIds.get(target.substring(1, end));
      if (row == null) {
        throw DataverseException.badRequest(
            "Batch part URL '" + target + "' references an unknown Content-ID");
      }
      return api + row + target.substring(end);
    }
    return api + target;
  }

  private String apiBase() {
    return environmentUrl + DataverseEmulator.API_PATH;
  }
}
