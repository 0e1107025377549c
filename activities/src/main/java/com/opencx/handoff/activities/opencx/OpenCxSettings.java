package com.opencx.handoff.activities.opencx;

import java.time.Duration;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Where OpenCX's API lives and how to call it: base URL, API key and timeouts. Validated when
 * built, so a worker with a wrong value refuses to start and names the configuration key at fault
 * (SPEC §6) instead of failing on its first handoff. The API key is stripped of surrounding
 * whitespace (keys read from files often end in a newline) and never appears in {@link
 * #toString()}.
 *
 * @param baseUrl OpenCX's API root, {@code http(s)://host[:port][/path]}, without a trailing slash
 * @param apiKey sent as {@code Authorization: Bearer <apiKey>}
 * @param connectTimeout TCP/TLS connect timeout; {@code null} means {@link
 *     #DEFAULT_CONNECT_TIMEOUT}
 * @param readTimeout per-read (and per-write) socket timeout; {@code null} means {@link
 *     #DEFAULT_READ_TIMEOUT}
 */
public record OpenCxSettings(
    String baseUrl, String apiKey, Duration connectTimeout, Duration readTimeout) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  public OpenCxSettings {
    baseUrl = validBaseUrl(baseUrl);
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException(
          "opencx.api-key is required: the OpenCX API key, sent as a bearer token");
    }
    apiKey = apiKey.strip();
    connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "opencx.connect-timeout");
    readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT, "opencx.read-timeout");
  }

  /** Base URL and key with the default timeouts. */
  public OpenCxSettings(String baseUrl, String apiKey) {
    this(baseUrl, apiKey, null, null);
  }

  @Override
  public String toString() {
    return "OpenCxSettings[baseUrl="
        + baseUrl
        + ", apiKey=****, connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + "]";
  }

  private static String validBaseUrl(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "opencx.base-url is required: OpenCX's API root, e.g. https://api.opencx.example");
    }
    String url = value.strip();
    String lower = url.toLowerCase(Locale.ROOT);
    HttpUrl parsed = HttpUrl.parse(url);
    if (!(lower.startsWith("http://") || lower.startsWith("https://")) || parsed == null) {
      throw new IllegalArgumentException(
          "opencx.base-url must be an http:// or https:// URL, got '" + url + "'");
    }
    if (url.endsWith("/")) {
      throw new IllegalArgumentException(
          "opencx.base-url must not end with '/', got '" + url + "'");
    }
    if (parsed.query() != null || parsed.fragment() != null) {
      throw new IllegalArgumentException(
          "opencx.base-url must not carry a query or fragment, got '" + url + "'");
    }
    return url;
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
