package com.opencx.handoff.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.emulators.opencx.OpenCxEmulator;
import com.opencx.handoff.emulators.opencx.Session;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoDataTest {

  @Test
  void seedsTheDemoConversationInBothEmulators() {
    Clock clock = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);
    try (DataverseEmulator dataverse = DataverseEmulator.start(0, "t");
        OpenCxEmulator openCx = OpenCxEmulator.start(0, "k")) {
      DemoData.seed(dataverse, openCx, clock);

      Session session = openCx.session("demo-session-1").orElseThrow();
      assertThat(session.channel()).isEqualTo("whatsapp");
      assertThat(session.status()).isEqualTo("ai");
      assertThat(session.customerName()).isEqualTo("Demo Customer");
      assertThat(session.email()).isEqualTo("demo.customer@example.com");
      assertThat(session.phone()).isEqualTo("+14155550100");
      assertThat(session.lastInboundAt()).isEqualTo(Instant.parse("2025-03-01T11:55:00Z"));
      assertThat(session.summary().split("\\. ")).hasSize(2);
      assertThat(dataverse.record("msdyn_liveworkstreams", DemoData.WORKSTREAM_ID).orElseThrow())
          .containsEntry("msdyn_name", "WhatsApp support")
          .containsEntry("msdyn_streamsource", 192300000)
          .containsEntry("statecode", 0);
      assertThat(dataverse.records("contacts"))
          .singleElement()
          .satisfies(
              c ->
                  assertThat(c)
                      .containsEntry("emailaddress1", "demo.customer@example.com")
                      .containsEntry("statecode", 0));
    }
  }

  @Test
  void parsesTheCommandLine() {
    EmulatorsMain.Options options =
        EmulatorsMain.Options.parse(
            "--dataverse-port",
            "8091",
            "--opencx-port",
            "8092",
            "--token",
            "T",
            "--api-key",
            "K",
            "--seed-demo");

    assertThat(options)
        .isEqualTo(
            new EmulatorsMain.Options(8091, 8092, "T", "K", true, null, List.of(), List.of()));
    assertThat(EmulatorsMain.Options.parse().dataversePort()).isZero();
    assertThatThrownBy(() -> EmulatorsMain.Options.parse("--port", "1"))
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> EmulatorsMain.Options.parse("--token"))
        .hasMessageContaining("--token");
  }
}
