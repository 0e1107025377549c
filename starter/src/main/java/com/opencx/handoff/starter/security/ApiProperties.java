package com.opencx.handoff.starter.security;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * The API's bearer tokens, from the environment or a secrets file, never from the repository.
 * OpenCX tokens may call {@code /v1/handoffs/**}; ops tokens may call everything, including {@code
 * /v1/ops/**} and the codec endpoint {@code /codec/**}. Checked at start-up with the rest of the
 * API's keys ({@code ConfigurationCheck}): the process refuses to start without an OpenCX token; no
 * rule repeats a token.
 *
 * @param opencxTokens {@code handoff.api.opencx-tokens}: comma-separated, each at least 16 chars
 * @param opsTokens {@code handoff.api.ops-tokens}: comma-separated, each at least 16 chars
 * @param queryTimeout {@code handoff.api.query-timeout}: how long a status call waits for the
 *     worker to answer the workflow's query before it answers from the search attributes
 * @param codecCorsOrigins {@code handoff.api.codec-cors-origins}: the browser origins (the Temporal
 *     UI's) that may call {@code /codec/**} cross-origin; none means no cross-origin call at all
 */
@Validated
@ConfigurationProperties(prefix = "handoff.api", ignoreUnknownFields = false)
public record ApiProperties(
    @NotEmpty(
            message =
                "is required (env HANDOFF_API_OPENCX_TOKENS): at least one bearer token for"
                    + " OpenCX")
        List<String> opencxTokens,
    List<String> opsTokens,
    @DurationMin(millis = 1, message = "must be more than 0 and at most 60s, e.g. 5s")
        @DurationMax(seconds = 60, message = "must be more than 0 and at most 60s, e.g. 5s")
        Duration queryTimeout,
    List<
            @Pattern(
                regexp = ApiProperties.ORIGIN,
                message =
                    "is not an origin: scheme://host[:port] with no path or trailing slash, e.g."
                        + " http://127.0.0.1:8233 (no *: credentials are allowed)")
            String>
        codecCorsOrigins) {

  static final int MIN_TOKEN_LENGTH = 16;
  static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);

  /**
   * An origin exactly as a browser sends it: scheme, host, optional port, nothing else. A path, a
   * trailing slash or {@code *} would never match (or, for {@code *}, match everyone while
   * credentials are allowed), so they are refused at start-up rather than failing quietly later.
   */
  static final String ORIGIN =
      "https?://([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?";

  /** Tokens only, the default query timeout. */
  public ApiProperties(List<String> opencxTokens, List<String> opsTokens) {
    this(opencxTokens, opsTokens, null, null);
  }

  /** Tokens and query timeout, no cross-origin codec callers. */
  public ApiProperties(List<String> opencxTokens, List<String> opsTokens, Duration queryTimeout) {
    this(opencxTokens, opsTokens, queryTimeout, null);
  }

  /** Lists trimmed, blanks dropped, the default query timeout; the rules are the constraints. */
  @ConstructorBinding
  public ApiProperties {
    queryTimeout = queryTimeout == null ? DEFAULT_QUERY_TIMEOUT : queryTimeout;
    opencxTokens = clean(opencxTokens);
    opsTokens = clean(opsTokens);
    codecCorsOrigins = clean(codecCorsOrigins);
  }

  @AssertTrue(
      message =
          "handoff.api.opencx-tokens holds a token shorter than "
              + MIN_TOKEN_LENGTH
              + " characters")
  boolean isOpencxTokensLongEnough() {
    return longEnough(opencxTokens);
  }

  @AssertTrue(
      message =
          "handoff.api.ops-tokens holds a token shorter than " + MIN_TOKEN_LENGTH + " characters")
  boolean isOpsTokensLongEnough() {
    return longEnough(opsTokens);
  }

  private static boolean longEnough(List<String> tokens) {
    return tokens.stream().allMatch(token -> token.length() >= MIN_TOKEN_LENGTH);
  }

  private static List<String> clean(List<String> values) {
    return values == null
        ? List.of()
        : values.stream().map(String::trim).filter(value -> !value.isEmpty()).toList();
  }
}
