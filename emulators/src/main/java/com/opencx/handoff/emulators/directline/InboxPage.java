package com.opencx.handoff.emulators.directline;

import com.opencx.handoff.emulators.http.Request;
import com.opencx.handoff.emulators.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Serves the agent inbox ({@code GET /inbox}, the jar's {@code inbox.html}) so that a person can
 * act as the Omnichannel rep in the dev stack with nothing but a browser. The page is served
 * without a credential because it holds none: its script takes the control key from the address's
 * fragment ({@code /inbox#key=…}, which a browser never sends to a server) or from a field, and
 * calls the control API ({@link ControlApi}) with it, so this emulator never hands its key to an
 * unauthenticated caller. The Content-Security-Policy admits only the page's own inline script (by
 * its hash) and calls to this origin: customer text can never run as script, and nothing is fetched
 * from anywhere else.
 */
final class InboxPage {

  static final String PATH = "/inbox";

  private static final String HTML = load();
  private static final String POLICY =
      "default-src 'none'; script-src 'sha256-"
          + scriptHash(HTML)
          + "'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' blob:;"
          + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private InboxPage() {}

  static Response serve(Request request) {
    if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
      return Response.error(405, "BadArgument", "Method not allowed").withHeader("Allow", "GET");
    }
    return Response.bytes(200, "text/html; charset=utf-8", HTML.getBytes(StandardCharsets.UTF_8))
        .withHeader("Content-Security-Policy", POLICY)
        .withHeader("Cache-Control", "no-store")
        .withHeader("X-Content-Type-Options", "nosniff");
  }

  private static String load() {
    try (InputStream in = InboxPage.class.getResourceAsStream("inbox.html")) {
      if (in == null) {
        throw new IllegalStateException("inbox.html is missing from the emulators jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Base64 SHA-256 of the text between the page's one {@code <script>} and {@code </script>}. */
  static String scriptHash(String html) {
    int start = html.indexOf("<script>") + "<script>".length();
    int end = html.indexOf("</script>", start);
    if (start < "<script>".length() || end < 0) {
      throw new IllegalStateException("inbox.html has no inline script");
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(html.substring(start, end).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
