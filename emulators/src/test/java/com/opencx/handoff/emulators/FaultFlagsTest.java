package com.opencx.handoff.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.opencx.handoff.emulators.http.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultFlagsTest {

  @Test
  void parsesFaultLinesFilesAndLimits(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("faults.json");
    Files.writeString(
        file,
        "{\"faults\":[{\"kind\":\"DROP_AFTER_COMMIT\",\"pathContains\":\"/handoff\"},"
            + "{\"kind\":\"LATENCY\",\"delayMs\":50,\"times\":2}]}");

    EmulatorsMain.Options options =
        EmulatorsMain.Options.parse(
            "--control-key",
            "C",
            "--fault",
            "dataverse:PATCH:msdyn_ocliveworkitems:STATUS:403:times=1:errorCode=0x80040220:inBatch=true",
            "--fault",
            "opencx:@" + file,
            "--limit",
            "dataverse:requests=5,windowSeconds=300,retryAfterSeconds=20,concurrency=2");

    assertThat(options.controlKey()).isEqualTo("C");
    assertThat(options.faults())
        .containsExactly(
            new FaultFlags.TargetedFault(
                FaultFlags.Target.DATAVERSE,
                Fault.status("PATCH", "msdyn_ocliveworkitems", 403, 1)
                    .withError("0x80040220", null)
                    .inBatchParts()),
            new FaultFlags.TargetedFault(
                FaultFlags.Target.OPENCX, Fault.dropAfterCommit(null, "/handoff", 1)),
            new FaultFlags.TargetedFault(
                FaultFlags.Target.OPENCX, Fault.latency(null, "", Duration.ofMillis(50), 2)));
    assertThat(options.limits())
        .containsExactly(new FaultFlags.Limit(FaultFlags.Target.DATAVERSE, 5, 300, 20, 2));
  }

  @Test
  void refusesBadFlagsNamingWhatIsWrong() {
    assertThatThrownBy(() -> EmulatorsMain.Options.parse("--fault", "POST:x:STATUS:403"))
        .hasMessageContaining("dataverse: or opencx:");
    assertThatThrownBy(() -> EmulatorsMain.Options.parse("--fault", "dataverse:POST:x:STATUS"))
        .hasMessageContaining("status is required");
    assertThatThrownBy(() -> EmulatorsMain.Options.parse("--fault", "opencx:*:x:STATUS:503:tims=2"))
        .hasMessageContaining("tims");
    assertThatThrownBy(() -> EmulatorsMain.Options.parse("--limit", "opencx:requests=5"))
        .hasMessageContaining("windowSeconds");
    assertThatThrownBy(() -> EmulatorsMain.Options.parse("--token", "T", "--control-key", "T"))
        .hasMessageContaining("--control-key");
  }

  @Test
  void armsTheParsedFaultsOnTheEmulator() throws Exception {
    try (var dataverse = com.opencx.handoff.emulators.dataverse.DataverseEmulator.start(0, "t")) {
      FaultFlags.faults("dataverse:GET:contacts:STATUS:503:retryAfterSeconds=3")
          .forEach(f -> dataverse.injectFault(f.fault()));
      FaultFlags.limit("dataverse:concurrency=3").apply(dataverse);

      TestHttp.Result refused =
          new TestHttp(dataverse.environmentUrl(), "t").get("/api/data/v9.2/contacts");

      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.header("Retry-After")).isEqualTo("3");
    }
  }
}
