package com.opencx.handoff.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The API process as an operator starts it ({@link StarterApplication} with {@code
 * handoff-api.yml}): a misspelt {@code handoff.api.*} key, a bad value and a bad codec key are
 * refused together in Spring Boot's failure report, one line each, naming the keys and never a
 * token.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiStartupTest {

  private static final String TOKEN = "opencx-token-0123456789";
  private static final String MISSPELT_TOKEN = "ops-token-0123456789abcdef";

  @Test
  void unknownAndBadKeysAreRefusedTogetherNamingEach(CapturedOutput output) {
    String[] args = {
      "--HANDOFF_SECRETS_DIR=target/no-secrets",
      "--spring.temporal.connection.target=127.0.0.1:1",
      "--handoff.api.opencx-tokens=" + TOKEN,
      "--handoff.api.ops-token=" + MISSPELT_TOKEN,
      "--handoff.api.query-timeout=2m",
      "--handoff.codec.keys=k1:c2hvcnQta2V5LW9mLTE2Yg==",
      "--handoff.codec.key-id=k1"
    };

    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(StarterApplication.class)
                    .properties(StarterApplication.CONFIG_NAME)
                    .web(WebApplicationType.NONE)
                    .run(args))
        .isNotNull();

    String report = output.getAll();
    assertThat(report)
        .contains("APPLICATION FAILED TO START")
        .contains("The API's configuration was refused")
        .contains("handoff.api.ops-token: is not a setting of handoff.api.*")
        .contains("handoff.api.query-timeout = '2m': must be more than 0 and at most 60s")
        .contains("handoff.codec.keys: key 'k1' is 16 bytes")
        .contains("handoff.codec.key-id: is not a setting of handoff.codec.*")
        .doesNotContain(MISSPELT_TOKEN)
        .doesNotContain(TOKEN)
        .doesNotContain("c2hvcnQta2V5LW9mLTE2Yg");
  }
}
