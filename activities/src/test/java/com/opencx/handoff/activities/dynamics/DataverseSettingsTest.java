package com.opencx.handoff.activities.dynamics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataverseSettingsTest {

  private static final String WS = "5B8F9C2E-1D3A-4E6F-8A7B-9C0D1E2F3A4B";

  @Test
  void defaults() {
    DataverseSettings settings = DataverseSettings.of("https://contoso.crm4.dynamics.com", WS);

    assertThat(settings.environmentUrl()).isEqualTo("https://contoso.crm4.dynamics.com");
    assertThat(settings.workstreamId()).isEqualTo(WS.toLowerCase());
    assertThat(settings.phoneMatching()).isTrue();
    assertThat(settings.createContactWhenMissing()).isFalse();
    assertThat(settings.requestsPerSecond()).isEqualTo(20);
    assertThat(settings.maxConcurrentRequests()).isEqualTo(48);
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.apiBase()).isEqualTo("https://contoso.crm4.dynamics.com/api/data/v9.2/");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://contoso.crm.dynamics.com/",
        "https://contoso.crm.dynamics.com/api/data/v9.2",
        "http://contoso.crm.dynamics.com",
        "contoso.crm.dynamics.com",
        "https://contoso.crm.dynamics.com?x=1",
        ""
      })
  void environmentUrlMustBeAnHttpsRoot(String url) {
    assertThatThrownBy(() -> DataverseSettings.of(url, WS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dynamics.environment-url");
  }

  @Test
  void plainHttpOnlyForTheLocalEmulator() {
    assertThat(DataverseSettings.of("http://localhost:8081", WS).environmentUrl())
        .isEqualTo("http://localhost:8081");
  }

  @Test
  void workstreamMustBeAGuid() {
    assertThatThrownBy(() -> DataverseSettings.of("https://contoso.crm.dynamics.com", "queue-1"))
        .hasMessageContaining("dynamics.workstream-id")
        .hasMessageContaining("default_queue_id");
  }

  @Test
  void limitsNameTheirKeys() {
    assertThatThrownBy(
            () ->
                new DataverseSettings(
                    "https://contoso.crm.dynamics.com", WS, true, false, 0, 48, null, null))
        .hasMessageContaining("dynamics.requests-per-second");
    assertThatThrownBy(
            () ->
                new DataverseSettings(
                    "https://contoso.crm.dynamics.com", WS, true, false, 20, 60, null, null))
        .hasMessageContaining("dynamics.max-concurrent-requests");
  }
}
