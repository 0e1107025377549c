package com.opencx.handoff.starter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The API's start-up check of its bearer tokens (SPEC §6, §8): without an OpenCX token, or with a
 * token too short to be a secret, the process must refuse to start and name the configuration key
 * to fix — both when the record is built directly and when Spring binds it from properties — and
 * the refusal must never echo the token itself. Valid comma-separated lists bind trimmed.
 */
class ApiPropertiesTest {

  private static final String OPENCX = "opencx-token-0123456789";
  private static final String OPS = "ops-token-0123456789abcdef";

  @Configuration
  @EnableConfigurationProperties(ApiProperties.class)
  static class Bind {}

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(Bind.class);

  @Test
  void missingOpenCxTokensAreRefusedNamingTheKey() {
    for (List<String> missing : List.of(List.<String>of(), List.of(" ", ""))) {
      assertThatThrownBy(() -> new ApiProperties(missing, List.of(OPS)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("handoff.api.opencx-tokens")
          .hasMessageContaining("HANDOFF_API_OPENCX_TOKENS");
    }
    assertThatThrownBy(() -> new ApiProperties(null, null))
        .hasMessageContaining("handoff.api.opencx-tokens");
  }

  @Test
  void aShortTokenIsRefusedNamingItsKeyButNotItsValue() {
    assertThatThrownBy(() -> new ApiProperties(List.of(OPENCX, "short-secret"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("handoff.api.opencx-tokens")
        .hasMessageContaining("16 characters")
        .hasMessageNotContaining("short-secret");
    assertThatThrownBy(() -> new ApiProperties(List.of(OPENCX), List.of("tiny-ops")))
        .hasMessageContaining("handoff.api.ops-tokens")
        .hasMessageNotContaining("handoff.api.opencx-tokens")
        .hasMessageNotContaining("tiny-ops");
  }

  @Test
  void tokensAreTrimmedAndOpsTokensAreOptional() {
    ApiProperties properties = new ApiProperties(List.of("  " + OPENCX + " ", ""), null);
    assertThat(properties.opencxTokens()).containsExactly(OPENCX);
    assertThat(properties.opsTokens()).isEmpty();
  }

  @Test
  void springRefusesToStartWithoutAnOpenCxToken() {
    context
        .withPropertyValues("handoff.api.opencx-tokens=", "handoff.api.ops-tokens=" + OPS)
        .run(
            started ->
                assertThat(started.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("handoff.api.opencx-tokens"));
    context.run(
        started ->
            assertThat(started.getStartupFailure())
                .rootCause()
                .hasMessageContaining("handoff.api.opencx-tokens"));
  }

  @Test
  void springRefusesAShortOpsToken() {
    context
        .withPropertyValues("handoff.api.opencx-tokens=" + OPENCX, "handoff.api.ops-tokens=abc")
        .run(
            started ->
                assertThat(started.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("handoff.api.ops-tokens"));
  }

  @Test
  void springBindsCommaSeparatedTokens() {
    context
        .withPropertyValues(
            "handoff.api.opencx-tokens=" + OPENCX + ", " + OPENCX + "-2",
            "handoff.api.ops-tokens=" + OPS)
        .run(
            started -> {
              assertThat(started).hasNotFailed();
              ApiProperties properties = started.getBean(ApiProperties.class);
              assertThat(properties.opencxTokens()).containsExactly(OPENCX, OPENCX + "-2");
              assertThat(properties.opsTokens()).containsExactly(OPS);
            });
  }

  @Test
  void theQueryTimeoutDefaultsToFiveSecondsAndBindsFromProperties() {
    context
        .withPropertyValues("handoff.api.opencx-tokens=" + OPENCX)
        .run(
            started ->
                assertThat(started.getBean(ApiProperties.class).queryTimeout())
                    .isEqualTo(Duration.ofSeconds(5)));
    context
        .withPropertyValues(
            "handoff.api.opencx-tokens=" + OPENCX, "handoff.api.query-timeout=1500ms")
        .run(
            started ->
                assertThat(started.getBean(ApiProperties.class).queryTimeout())
                    .isEqualTo(Duration.ofMillis(1500)));
  }

  @Test
  void springRefusesAQueryTimeoutOfZeroOrOverAMinute() {
    for (String timeout : List.of("0s", "-1s", "61s")) {
      context
          .withPropertyValues(
              "handoff.api.opencx-tokens=" + OPENCX, "handoff.api.query-timeout=" + timeout)
          .run(
              started ->
                  assertThat(started.getStartupFailure())
                      .rootCause()
                      .hasMessageContaining("handoff.api.query-timeout"));
    }
  }

  @Test
  void codecCorsOriginsBindTrimmedAndDefaultToNone() {
    context
        .withPropertyValues("handoff.api.opencx-tokens=" + OPENCX)
        .run(
            started ->
                assertThat(started.getBean(ApiProperties.class).codecCorsOrigins()).isEmpty());
    context
        .withPropertyValues(
            "handoff.api.opencx-tokens=" + OPENCX,
            "handoff.api.codec-cors-origins= http://127.0.0.1:8233 ,https://temporal.example.com")
        .run(
            started ->
                assertThat(started.getBean(ApiProperties.class).codecCorsOrigins())
                    .containsExactly("http://127.0.0.1:8233", "https://temporal.example.com"));
  }

  @Test
  void springRefusesACodecCorsOriginThatIsNotAnOrigin() {
    for (String origin :
        List.of("*", "http://ui:8233/", "https://ui.example/path", "ui:8233", "ftp://ui", "null")) {
      context
          .withPropertyValues(
              "handoff.api.opencx-tokens=" + OPENCX, "handoff.api.codec-cors-origins=" + origin)
          .run(
              started ->
                  assertThat(started.getStartupFailure())
                      .as(origin)
                      .rootCause()
                      .hasMessageContaining("handoff.api.codec-cors-origins")
                      .hasMessageContaining("scheme://host[:port]"));
    }
    assertThat(
            new ApiProperties(List.of(OPENCX), null, null, List.of("http://[::1]:8233"))
                .codecCorsOrigins())
        .containsExactly("http://[::1]:8233");
  }
}
