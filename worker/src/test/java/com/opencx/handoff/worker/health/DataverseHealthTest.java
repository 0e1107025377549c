package com.opencx.handoff.worker.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.activities.dynamics.DataverseClient;
import com.opencx.handoff.activities.dynamics.DataverseSettings;
import com.opencx.handoff.activities.dynamics.StaticTokenProvider;
import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/**
 * The Dataverse health probe against the emulator: it reports the org when the token works, and
 * repeated polls within the reuse window cost Dataverse no further request; and against a real
 * local server, a pooled connection Dataverse closed while idle does not report DOWN.
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

  @Test
  void aPooledConnectionTheServerClosedIsNotDown() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      // An activity's lookup leaves its keep-alive connection pooled; then the server closes it.
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .setHeader("Content-Type", "application/json")
              .body("{\"value\":[]}")
              .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
              .build());
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .setHeader("Content-Type", "application/json")
              .body("{\"OrganizationId\":\"org-1\"}")
              .build());
      String root = server.url("/").toString();
      DataverseClient client =
          new DataverseClient(
              DataverseSettings.of(
                  root.substring(0, root.length() - 1), "5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f"),
              new StaticTokenProvider("health-token"));
      client.get("contacts", Map.of("$select", "contactid"));

      var health = new DataverseHealth(client).health();

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("organizationId", "org-1");
    }
  }
}
