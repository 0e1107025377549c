package com.opencx.handoff.emulators.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one bearer credential an emulator accepts, which a rehearsal may swap for another ({@link
 * #acceptOnly}) so that the client's configured token is refused exactly as a revoked secret or a
 * wrong application would be, and later put back ({@link #restore}). Comparisons are constant-time
 * (the same helper checks the control key).
 */
final class BearerToken implements Authenticator {

  private final String original;
  private final AtomicReference<String> accepted;
  private final Rejections rejections;

  BearerToken(String token, Rejections rejections) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("a bearer token is required");
    }
    this.original = token;
    this.accepted = new AtomicReference<>(token);
    this.rejections = rejections;
  }

  @Override
  public Response reject(String method, String path, Map<String, String> headers) {
    return matches(headers, accepted.get()) ? null : rejections.unauthorized();
  }

  void acceptOnly(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank");
    }
    accepted.set(token);
  }

  void restore() {
    accepted.set(original);
  }

  boolean rotated() {
    return !original.equals(accepted.get());
  }

  /** True for {@code Authorization: Bearer <expected>} (scheme case-insensitive), constant-time. */
  static boolean matches(Map<String, String> headers, String expected) {
    String value = headers.get("authorization");
    if (expected == null || value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(
        value.substring(7).trim().getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }
}
