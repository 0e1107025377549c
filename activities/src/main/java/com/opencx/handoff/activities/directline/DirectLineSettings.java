package com.opencx.handoff.activities.directline;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Where Direct Line is and how long to wait for it. Checked when built, so that a worker with a
 * wrong base URL stops at start-up naming {@code directline.base-url} instead of failing its first
 * handoff. The base URL is a root without a path because regional bots need their own host
 * (directline.md §1: {@code europe.}/{@code india.directline.botframework.com}; the global URI can
 * answer 403 for them) and every route below it is fixed by Direct Line 3.0. Plain http is accepted
 * for loopback hosts only, the same rule as {@code dynamics.environment-url}, so that the local
 * Direct Line emulator can run without TLS while a secret is never sent in clear over a network.
 *
 * @param baseUrl e.g. {@code https://directline.botframework.com}, no trailing slash
 * @param connectTimeout TCP/TLS connect timeout; null means 10 s
 * @param readTimeout read and write timeout; null means 30 s (Direct Line gives up on a bot after
 *     about 15 s and answers 502, directline.md §3)
 */
public record DirectLineSettings(String baseUrl, Duration connectTimeout, Duration readTimeout) {

  public static final String DEFAULT_BASE_URL = "https://directline.botframework.com";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  private static final String KEY = "directline.base-url";
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  public DirectLineSettings {
    baseUrl = checkBaseUrl(baseUrl);
    connectTimeout =
        positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "directline.connect-timeout");
    readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT, "directline.read-timeout");
  }

  /** The base URL with the default timeouts. */
  public static DirectLineSettings of(String baseUrl) {
    return new DirectLineSettings(baseUrl, null, null);
  }

  private static String checkBaseUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(KEY + " is required, e.g. " + DEFAULT_BASE_URL);
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(KEY + " is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    boolean https = scheme.equals("https");
    boolean localHttp = scheme.equals("http") && LOOPBACK.contains(host);
    if (host.isEmpty() || !(https || localHttp)) {
      throw new IllegalArgumentException(
          KEY
              + " must be an https URL such as "
              + DEFAULT_BASE_URL
              + " (http only for a loopback emulator), got "
              + url);
    }
    if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          KEY
              + " must be Direct Line's root URL without a trailing slash, path or query"
              + " (e.g. https://europe.directline.botframework.com), got "
              + url);
    }
    return scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT);
  }

  private static Duration positive(Duration value, Duration fallback, String key) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be positive, got " + value);
    }
    return value;
  }
}
