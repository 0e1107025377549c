package com.opencx.handoff.emulators.http;

import java.util.Map;

/**
 * Decides whether a request's credential is good enough to reach the emulator's logic. Most
 * emulated services accept one bearer token, but Direct Line accepts one secret per channel plus
 * per-conversation tokens and tells a missing credential (401) from a wrong one (403), so the front
 * door asks this instead of comparing one string itself.
 */
@FunctionalInterface
public interface Authenticator {

  /**
   * Checks one request.
   *
   * @param method upper-case HTTP method
   * @param path percent-decoded path, or the raw path when it cannot be decoded
   * @param headers header values keyed by lower-case name
   * @return {@code null} to admit the request, else the rejection to answer
   */
  Response reject(String method, String path, Map<String, String> headers);

  /** Admits only {@code Authorization: Bearer <token>} (scheme case-insensitive), constant-time. */
  static boolean bearerMatches(Map<String, String> headers, String token) {
    return BearerToken.matches(headers, token);
  }
}
