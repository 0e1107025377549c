package com.opencx.handoff.activities.opencx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenCxSettingsTest {

  @Test
  void acceptsHttpAndHttpsRootsAndFillsDefaultTimeouts() {
    OpenCxSettings settings = new OpenCxSettings(" https://api.opencx.example/base ", "key\n");

    assertThat(settings.baseUrl()).isEqualTo("https://api.opencx.example/base");
    assertThat(settings.apiKey()).isEqualTo("key");
    assertThat(settings.connectTimeout()).isEqualTo(OpenCxSettings.DEFAULT_CONNECT_TIMEOUT);
    assertThat(settings.readTimeout()).isEqualTo(OpenCxSettings.DEFAULT_READ_TIMEOUT);
    assertThat(new OpenCxSettings("http://localhost:8081", "k").baseUrl())
        .isEqualTo("http://localhost:8081");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "ftp://opencx.example",
        "opencx.example",
        "https://opencx.example/",
        "https://opencx.example?x=1",
        "http://"
      })
  void rejectsBadBaseUrlsNamingTheKey(String baseUrl) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new OpenCxSettings(baseUrl, "key"))
        .withMessageContaining("opencx.base-url");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "\n"})
  void rejectsMissingApiKeyNamingTheKey(String apiKey) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new OpenCxSettings("https://opencx.example", apiKey))
        .withMessageContaining("opencx.api-key");
  }

  @Test
  void rejectsNonPositiveTimeouts() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new OpenCxSettings("https://opencx.example", "k", Duration.ZERO, null))
        .withMessageContaining("opencx.connect-timeout");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new OpenCxSettings("https://opencx.example", "k", null, Duration.ofSeconds(-1)))
        .withMessageContaining("opencx.read-timeout");
  }

  @Test
  void toStringNeverShowsTheApiKey() {
    assertThat(new OpenCxSettings("https://opencx.example", "s3cr3t-key").toString())
        .doesNotContain("s3cr3t-key")
        .contains("https://opencx.example");
  }
}
