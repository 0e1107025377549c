package com.opencx.handoff.worker.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.activities.dynamics.DataverseClient;
import com.opencx.handoff.activities.dynamics.DataverseSettings;
import com.opencx.handoff.activities.dynamics.StaticTokenProvider;
import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/**
 * The Dataverse health probe against the emulator: it reports the org when the token works, and
 * repeated polls within the reuse window cost Dataverse no further request.
 */
class DataverseHealthTest {

  private final DataverseEmulator dataverse = DataverseEmulator.start(0, "health-token");

  @AfterEach
  void stop() {
    dataverse.close();
  }

  @Test
  void upWithTheOrganizationAndPollsReuseOneProbe() {
    DataverseHealth health =
        new DataverseHealth(
            new DataverseClient(
                DataverseSettings.of(
                    dataverse.environmentUrl(), "5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f"),
                new StaticTokenProvider("health-token")));

    var first = health.health();
    for (int i = 0; i < 5; i++) {
      health.health();
    }

    assertThat(first.getStatus()).isEqualTo(Status.UP);
    assertThat(first.getDetails().get("organizationId")).asString().isNotBlank();
    assertThat(dataverse.requestCount()).isEqualTo(1);
  }

  @Test
  void aRefusedTokenIsDown() {
    DataverseHealth health =
        new DataverseHealth(
            new DataverseClient(
                DataverseSettings.of(
                    dataverse.environmentUrl(), "5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f"),
                new StaticTokenProvider("wrong-token")));

    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
  }
}
