package com.opencx.handoff.starter.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The API's bearer tokens, from the environment or a secrets file, never from the repository.
 * OpenCX tokens may call {@code /v1/handoffs/**}; ops tokens may call everything, including {@code
 * /v1/ops/**}. Checked at start-up: the process refuses to start without an OpenCX token.
 *
 * @param opencxTokens {@code handoff.api.opencx-tokens}: comma-separated, each at least 16 chars
 * @param opsTokens {@code handoff.api.ops-tokens}: comma-separated, each at least 16 chars
 * @param queryTimeout {@code handoff.api.query-timeout}: how long a status call waits for the
 *     worker to answer the workflow's query before it answers from the search attributes
 */
@ConfigurationProperties("handoff.api")
public record ApiProperties(
    List<String> opencxTokens, List<String> opsTokens, Duration queryTimeout) {

  static final int MIN_TOKEN_LENGTH = 16;
  static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);

  /** Tokens only, the default query timeout. */
  public ApiProperties(List<String> opencxTokens, List<String> opsTokens) {
    this(opencxTokens, opsTokens, null);
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
    if (opencxTokens.isEmpty()) {
      throw new IllegalArgumentException(
          "handoff.api.opencx-tokens is required (env HANDOFF_API_OPENCX_TOKENS): at least one"
              + " bearer token for OpenCX");
    }
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
