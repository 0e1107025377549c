package com.opencx.handoff.activities.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The rules that more than one client's settings apply, so that each says the same thing the same
 * way: a service's root URL (https, or http to a loopback emulator; no path, query or user info)
 * and a positive timeout. Each failure names the setting's key and what it must look like.
 */
public final class SettingRules {

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private SettingRules() {}

  /**
   * {@code url} as {@code scheme://authority}, lower-cased; {@code what} names the root in the
   * message ("the environment's root URL"), {@code example} is one that passes.
   */
  public static String rootUrl(String url, String key, String what, String example) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(key + " is required, e.g. " + example);
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(key + " is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    boolean https = scheme.equals("https");
    boolean localHttp = scheme.equals("http") && LOOPBACK.contains(host);
    if (host.isEmpty() || !(https || localHttp)) {
      throw new IllegalArgumentException(
          key
              + " must be an https URL such as "
              + example
              + " (http only for a loopback emulator), got "
              + url);
    }
    if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          key
              + " must be "
              + what
              + " without a trailing slash, path or query (e.g. "
              + example
              + "), got "
              + url);
    }
    return scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT);
  }

  /** {@code value}, or {@code fallback} when unset; zero or negative is refused naming the key. */
  public static Duration positive(Duration value, Duration fallback, String key) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be positive, got " + value);
    }
    return value;
  }
}
