package com.opencx.handoff.starter.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The API's bearer tokens, from the environment or a secrets file, never from the repository.
 * OpenCX tokens may call {@code /v1/handoffs/**}; ops tokens may call everything, including {@code
 * /v1/ops/**}. Checked at start-up: the process refuses to start without an OpenCX token.
 *
 * @param opencxTokens {@code handoff.api.opencx-tokens}: comma-separated, each at least 16 chars
 * @param opsTokens {@code handoff.api.ops-tokens}: comma-separated, each at least 16 chars
 */
@ConfigurationProperties("handoff.api")
public record ApiProperties(List<String> opencxTokens, List<String> opsTokens) {

  static final int MIN_TOKEN_LENGTH = 16;

  public ApiProperties {
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
