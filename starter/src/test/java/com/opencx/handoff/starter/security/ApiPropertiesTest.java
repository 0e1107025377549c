package com.opencx.handoff.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.configuration.RecordProblems;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * The API's start-up check of its bearer tokens (SPEC §6, §8): without an OpenCX token, or with a
 * token too short to be a secret, or with an unknown {@code handoff.api.*} key, the start-up report
 * must name the key to fix and never echo a token; Spring's own {@code @Validated} binding refuses
 * the same. Valid comma-separated lists bind trimmed.
 */
class ApiPropertiesTest {

  private static final String OPENCX = "opencx-token-0123456789";
  private static final String OPS = "ops-token-0123456789abcdef";

  @Configuration
  @EnableConfigurationProperties(ApiProperties.class)
  static class Bind {}

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(Bind.class);

  /** The API's start-up report for {@code properties} ({@code key=value}), one line a problem. */
  private static String problems(String... properties) {
    StandardEnvironment environment = new StandardEnvironment();
    MutablePropertySources sources = environment.getPropertySources();
    sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    Map<String, Object> map = new LinkedHashMap<>();
    for (String property : properties) {
      int equals = property.indexOf('=');
      map.put(property.substring(0, equals), property.substring(equals + 1));
    }
    sources.addFirst(new MapPropertySource("test", map));
    return String.join("\n", RecordProblems.of(environment, List.of(ApiProperties.class)));
  }

  @Test
  void missingOpenCxTokensAreRefusedNamingTheKey() {
    for (String missing : List.of("", " , ")) {
      assertThat(problems("handoff.api.opencx-tokens=" + missing, "handoff.api.ops-tokens=" + OPS))
          .contains("handoff.api.opencx-tokens")
          .contains("HANDOFF_API_OPENCX_TOKENS");
    }
    assertThat(problems()).contains("handoff.api.opencx-tokens", "is required");
  }

  @Test
  void aShortTokenIsRefusedNamingItsKeyButNotItsValue() {
    assertThat(problems("handoff.api.opencx-tokens=" + OPENCX + ",short-secret"))
        .contains("handoff.api.opencx-tokens")
        .contains("16 characters")
        .doesNotContain("short-secret");
    assertThat(problems("handoff.api.opencx-tokens=" + OPENCX, "handoff.api.ops-tokens=tiny-ops"))
        .contains("handoff.api.ops-tokens")
        .doesNotContain("handoff.api.opencx-tokens")
        .doesNotContain("tiny-ops");
  }

  @Test
  void anUnknownKeyIsRefusedNamingItWithoutItsValue() {
    String report =
        problems("handoff.api.opencx-tokens=" + OPENCX, "handoff.api.opencx-token=" + OPS);
    assertThat(report)
        .contains("handoff.api.opencx-token: is not a setting of handoff.api.*")
        .doesNotContain(OPS);
    assertThat(problems("handoff.api.opencx-tokens=" + OPENCX)).isEmpty();
  }

  @Test
  void tokensAreTrimmedAndOpsTokensAreOptional() {
    ApiProperties properties = new ApiProperties(List.of("  " + OPENCX + " ", ""), null);
    assertThat(properties.opencxTokens()).containsExactly(OPENCX);
    assertThat(properties.opsTokens()).isEmpty();
  }

  @Test
  void springRefusesToStartWithoutAnOpenCxTokenOrWithAShortOne() {
    context
        .withPropertyValues("handoff.api.opencx-tokens=", "handoff.api.ops-tokens=" + OPS)
        .run(started -> assertThat(started).hasFailed());
    context.run(started -> assertThat(started).hasFailed());
    context
        .withPropertyValues("handoff.api.opencx-tokens=" + OPENCX, "handoff.api.ops-tokens=abc")
        .run(started -> assertThat(started).hasFailed());
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
  void aQueryTimeoutOfZeroOrOverAMinuteIsRefused() {
    for (String timeout : List.of("0s", "-1s", "61s")) {
      assertThat(
              problems(
                  "handoff.api.opencx-tokens=" + OPENCX, "handoff.api.query-timeout=" + timeout))
          .as(timeout)
          .contains("handoff.api.query-timeout = '" + timeout + "': must be more than 0");
    }
    assertThat(problems("handoff.api.opencx-tokens=" + OPENCX, "handoff.api.query-timeout=soon"))
        .contains("handoff.api.query-timeout = 'soon': must be a duration");
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
  void aCodecCorsOriginThatIsNotAnOriginIsRefused() {
    for (String origin :
        List.of("*", "http://ui:8233/", "https://ui.example/path", "ui:8233", "ftp://ui", "null")) {
      assertThat(
              problems(
                  "handoff.api.opencx-tokens=" + OPENCX,
                  "handoff.api.codec-cors-origins=http://127.0.0.1:8233," + origin))
          .as(origin)
          .contains("handoff.api.codec-cors-origins[1]")
          .contains("scheme://host[:port]");
    }
    assertThat(
            new ApiProperties(List.of(OPENCX), null, null, List.of("http://[::1]:8233"))
                .codecCorsOrigins())
        .containsExactly("http://[::1]:8233");
  }
}
