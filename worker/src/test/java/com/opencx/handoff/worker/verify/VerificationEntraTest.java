package com.opencx.handoff.worker.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.activities.directline.DirectLineClient;
import com.opencx.handoff.activities.directline.DirectLineSettings;
import com.opencx.handoff.activities.dynamics.DataverseClient;
import com.opencx.handoff.activities.dynamics.DataverseSettings;
import com.opencx.handoff.activities.dynamics.LocalEntra;
import com.opencx.handoff.activities.dynamics.TokenProvider;
import com.opencx.handoff.activities.media.MediaSettings;
import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.worker.config.DirectLineProperties;
import com.opencx.handoff.worker.config.DynamicsProperties;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token check with real client credentials: MSAL4J against a local Entra token endpoint, whose
 * token the Dataverse emulator accepts. A token passes and the Dataverse checks run with it; a
 * refused client fails the token check with the fix for its AADSTS code, and every Dataverse check
 * is skipped.
 */
class VerificationEntraTest {

  private static final String ACCESS_TOKEN = "entra-issued-access-token";
  private static final String WORKSTREAM = "5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f";

  private DataverseEmulator dataverse;
  private LocalEntra entra;

  @BeforeEach
  void start() throws Exception {
    dataverse = DataverseEmulator.start(0, ACCESS_TOKEN);
    dataverse.addWorkstream(WORKSTREAM, "WhatsApp support", 192300000);
    entra = new LocalEntra(ACCESS_TOKEN);
  }

  @AfterEach
  void stop() {
    entra.close();
    dataverse.close();
  }

  private VerifyReport verify() {
    DataverseSettings settings =
        new DataverseSettings(
            dataverse.environmentUrl(),
            WORKSTREAM,
            true,
            false,
            20,
            4,
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
    TokenProvider tokens = entra.provider(dataverse.environmentUrl());
    DynamicsProperties dynamics =
        new DynamicsProperties(
            dataverse.environmentUrl(),
            WORKSTREAM,
            "tenant-1",
            "client-1",
            "client-secret-value",
            null,
            true,
            false,
            20,
            4,
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            "record",
            null);
    DirectLineProperties directLine =
        new DirectLineProperties(
            DirectLineSettings.DEFAULT_BASE_URL,
            null,
            null,
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            null);
    return new Verification(
            tokens,
            new DataverseClient(settings, tokens),
            settings,
            new MediaSettings(1_000_000, java.util.Map.of(), null),
            new DirectLineClient(
                new DirectLineSettings(
                    DirectLineSettings.DEFAULT_BASE_URL,
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(5))),
            dynamics,
            directLine)
        .run();
  }

  @Test
  void anIssuedTokenPassesAndDataverseTakesIt() {
    VerifyReport report = verify();

    assertThat(report.exitCode()).isZero();
    assertThat(report.lines())
        .first()
        .isEqualTo("PASS token: Microsoft Entra issued a client-credentials token");
    assertThat(report.lines()).allMatch(line -> line.startsWith("PASS "));
    assertThat(String.join("\n", report.lines())).doesNotContain(ACCESS_TOKEN);
  }

  @Test
  void aRefusedClientFailsTheTokenCheckNamingTheSecretAndSkipsTheRest() {
    entra.rejectClient();

    VerifyReport report = verify();

    assertThat(report.exitCode()).isEqualTo(VerifyReport.FAILED);
    assertThat(report.lines().get(0))
        .startsWith("FAIL token: Microsoft Entra refused the token request")
        .contains("AADSTS7000215")
        .contains("— fix: dynamics.client-secret is wrong or expired")
        .doesNotContain("client-secret-value");
    assertThat(report.lines().subList(1, report.lines().size()))
        .isNotEmpty()
        .allMatch(line -> line.startsWith("SKIP ") && line.contains("needs a token"));
    assertThat(dataverse.requestCount()).isZero();
  }
}
