package com.opencx.handoff.starter.security;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The API's bearer tokens, from the environment or a secrets file, never from the repository.
 * OpenCX tokens may call {@code /v1/handoffs/**}; ops tokens may call everything, including {@code
 * /v1/ops/**} and the codec endpoint {@code /codec/**}. Checked at start-up: the process refuses to
 * start without an OpenCX token.
 *
 * @param opencxTokens {@code handoff.api.opencx-tokens}: comma-separated, each at least 16 chars
 * @param opsTokens {@code handoff.api.ops-tokens}: comma-separated, each at least 16 chars
 * @param queryTimeout {@code handoff.api.query-timeout}: how long a status call waits for the
 *     worker to answer the workflow's query before it answers from the search attributes
 * @param codecCorsOrigins {@code handoff.api.codec-cors-origins}: the browser origins (the Temporal
 *     UI's) that may call {@code /codec/**} cross-origin; none means no cross-origin call at all
 */
@ConfigurationProperties("handoff.api")
public record ApiProperties(
    List<String> opencxTokens,
    List<String> opsTokens,
    Duration queryTimeout,
    List<String> codecCorsOrigins) {

  static final int MIN_TOKEN_LENGTH = 16;
  static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);

  /**
   * An origin exactly as a browser sends it: scheme, host, optional port, nothing else. A path, a
   * trailing slash or {@code *} would never match (or, for {@code *}, match everyone while
   * credentials are allowed), so they are refused at start-up rather than failing quietly later.
   */
  private static final Pattern ORIGIN =
      Pattern.compile(
          "https?://([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");

  /** Tokens only, the default query timeout. */
  public ApiProperties(List<String> opencxTokens, List<String> opsTokens) {
    this(opencxTokens, opsTokens, null, null);
  }

  /** Tokens and query timeout, no cross-origin codec callers. */
  public ApiProperties(List<String> opencxTokens, List<String> opsTokens, Duration queryTimeout) {
    this(opencxTokens, opsTokens, queryTimeout, null);
  }

  @ConstructorBinding
  public ApiProperties {
    queryTimeout = queryTimeout == null ? DEFAULT_QUERY_TIMEOUT : queryTimeout;
    if (queryTimeout.isNegative()
        || queryTimeout.isZero()
        || queryTimeout.compareTo(Duration.ofSeconds(60)) > 0) {
      throw new IllegalArgumentException(
          "handoff.api.query-timeout must be more than 0 and at most 60s, e.g. 5s");
    }
    opencxTokens = clean(opencxTokens, "handoff.api.opencx-tokens");
    opsTokens = clean(opsTokens, "handoff.api.ops-tokens");
    codecCorsOrigins = origins(codecCorsOrigins);
    if (opencxTokens.isEmpty()) {
      throw new IllegalArgumentException(
          "handoff.api.opencx-tokens is required (env HANDOFF_API_OPENCX_TOKENS): at least one"
              + " bearer token for OpenCX");
    }
  }

  private static List<String> origins(List<String> origins) {
    List<String> cleaned =
        origins == null
            ? List.of()
            : origins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
    for (String origin : cleaned) {
      if (!ORIGIN.matcher(origin).matches()) {
        throw new IllegalArgumentException(
            "handoff.api.codec-cors-origins holds '"
                + origin
                + "', which is not an origin: scheme://host[:port] with no path or trailing"
                + " slash, e.g. http://127.0.0.1:8233 (no *: credentials are allowed)");
      }
    }
    return cleaned;
  }

  private static List<String> clean(List<String> tokens, String key) {
    List<String> cleaned =
        tokens == null
            ? List.of()
            : tokens.stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
    for (String token : cleaned) {
      if (token.length() < MIN_TOKEN_LENGTH) {
        throw new IllegalArgumentException(
            key + " holds a token shorter than " + MIN_TOKEN_LENGTH + " characters");
      }
    }
    return cleaned;
  }
}
