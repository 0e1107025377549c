package com.opencx.handoff.worker.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.emulators.directline.Channel;
import com.opencx.handoff.emulators.directline.DirectLineEmulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code verify} as an operator runs it ({@link VerifyCommand}: the worker's context from its
 * configuration, no web server, no Temporal workers) against the Dataverse and Direct Line
 * emulators over real HTTP: everything passes on a good setup, and each problem the emulators can
 * be made to show fails its own check with its fix, a non-zero exit and the checks that depend on
 * it skipped.
 */
@ExtendWith(OutputCaptureExtension.class)
class VerifyCommandTest {

  private static final String TOKEN = "verify-test-dataverse-token";
  private static final String SECRET = "verify-test-direct-line-secret";
  private static final String WORKSTREAM = "5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f";
  private static final int WHATSAPP = 192300000;

  private DataverseEmulator dataverse;
  private DirectLineEmulator directLine;
  private int closedPort;

  /** One verify run: its exit code and its lines. */
  record Run(int exitCode, List<String> lines) {
    String line(String check) {
      return lines.stream()
          .filter(l -> l.matches("^(PASS|WARN|FAIL|SKIP) " + check + ":.*"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + check + " line in " + lines));
    }
  }

  @BeforeEach
  void start() throws Exception {
    dataverse = DataverseEmulator.start(0, TOKEN);
    dataverse.addWorkstream(WORKSTREAM, "WhatsApp support", WHATSAPP);
    // Above 16 MB of Base64, so the default media.max-bytes fits.
    dataverse.setMaxUploadFileSize(32 * 1024 * 1024);
    directLine =
        DirectLineEmulator.start(
            0, 0, "verify-test-control", dataverse, new Channel(SECRET, WORKSTREAM, "bot"));
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
  }

  @AfterEach
  void stop() {
    directLine.close();
    dataverse.close();
  }

  private Map<String, Object> recordRoute() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("HANDOFF_SECRETS_DIR", "target/no-secrets");
    config.put("spring.temporal.connection.target", "127.0.0.1:" + closedPort);
    config.put("dynamics.environment-url", dataverse.environmentUrl());
    config.put("dynamics.static-token", TOKEN);
    config.put("dynamics.workstream-id", WORKSTREAM);
    config.put("opencx.base-url", "http://127.0.0.1:" + closedPort);
    config.put("opencx.api-key", "opencx-Ap1-Key-value");
    config.put("handoff.codec.keys", "test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    return config;
  }

  private Map<String, Object> directLineRoute() {
    Map<String, Object> config = recordRoute();
    config.put("dynamics.route", "direct-line");
    config.put("directline.base-url", directLine.baseUrl());
    config.put("directline.bot-handle", "bot");
    config.put("directline.channels[0].workstream-id", WORKSTREAM);
    config.put("directline.channels[0].secret", SECRET);
    return config;
  }

  private static Run verify(Map<String, Object> config) {
    String[] args =
        config.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = VerifyCommand.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    return new Run(code, lines);
  }

  @Test
  void aGoodRecordRouteSetupPassesEveryCheckInOrder() {
    Run run = verify(recordRoute());

    assertThat(run.exitCode()).isZero();
    assertThat(run.lines())
        .hasSize(5)
        .allMatch(line -> line.startsWith("PASS "))
        .extracting(line -> line.split(":")[0])
        .containsExactly(
            "PASS token",
            "PASS whoami",
            "PASS workstream",
            "PASS privileges",
            "PASS maxuploadfilesize");
    assertThat(run.line("whoami")).contains(dataverse.userId());
    assertThat(run.line("workstream")).contains("'WhatsApp support'", "WhatsApp (192300000)");
    assertThat(String.join("\n", run.lines())).doesNotContain(TOKEN);
  }

  @Test
  void verifyStartsNoTemporalWorkerAndLogsNothingBelowAWarning(CapturedOutput output) {
    Run run = verify(recordRoute());

    assertThat(run.exitCode()).isZero();
    assertThat(output.getAll())
        .doesNotContain("Temporal at")
        .doesNotContain("Starting WorkerApplication")
        .doesNotContain(" INFO ")
        .doesNotContain(" WARN ");
  }

  @Test
  void aGoodDirectLineSetupAlsoProvesTheChannelSecretWithoutStartingAConversation() {
    Run run = verify(directLineRoute());

    assertThat(run.exitCode()).isZero();
    assertThat(run.lines()).hasSize(6).allMatch(line -> line.startsWith("PASS "));
    assertThat(run.line("directline"))
        .contains("directline.channels[0]", WORKSTREAM, "accepted the secret")
        .doesNotContain(SECRET);
    assertThat(directLine.requestLog()).containsExactly("POST /v3/directline/tokens/generate 200");
  }

  @Test
  void aWrongTokenFailsWhoAmINamingTheKeyAndSkipsEveryDataverseCheck() {
    Map<String, Object> config = recordRoute();
    config.put("dynamics.static-token", "not-the-emulators-token");

    Run run = verify(config);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.line("whoami"))
        .startsWith("FAIL whoami:")
        .contains("HTTP 401", "— fix: dynamics.static-token");
    assertThat(run.line("workstream")).startsWith("SKIP");
    assertThat(run.line("privileges")).startsWith("SKIP");
    assertThat(run.line("maxuploadfilesize")).startsWith("SKIP");
    assertThat(String.join("\n", run.lines())).doesNotContain("not-the-emulators-token");
  }

  @Test
  void aMissingPrivilegeFailsNamingItAndTheSecurityRoleCell() {
    dataverse.revokePrivilege("prvCreatemsdyn_ocliveworkitem");

    Run run = verify(recordRoute());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.line("privileges"))
        .startsWith(
            "FAIL privileges: missing prvCreatemsdyn_ocliveworkitem (create the live work item)")
        .contains("— fix: ", "Security roles", "Conversation Create at User or wider");
    assertThat(run.line("workstream")).startsWith("PASS");
    assertThat(run.line("maxuploadfilesize")).startsWith("PASS");
  }

  @Test
  void theDirectLineRouteNeedsToReadOmnichannelsContextItemsAcrossOwners() {
    dataverse.grantPrivilege("prvReadmsdyn_ocliveworkitemcontextitem", "Basic");
    dataverse.revokePrivilege("prvCreatemsdyn_ocliveworkitem"); // only the record route creates

    Run run = verify(directLineRoute());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.line("privileges"))
        .startsWith(
            "FAIL privileges: too shallow prvReadmsdyn_ocliveworkitemcontextitem at User, needs Business Unit")
        .doesNotContain("prvCreatemsdyn_ocliveworkitem");
  }

  @Test
  void aDeletedWorkstreamFails() {
    dataverse.removeRecord("msdyn_liveworkstreams", WORKSTREAM);

    Run run = verify(recordRoute());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.line("workstream"))
        .startsWith("FAIL workstream: dynamics.workstream-id " + WORKSTREAM + " does not exist")
        .contains("— fix: set dynamics.workstream-id to an existing workstream's GUID");
  }

  @Test
  void anInactiveWorkstreamFails() {
    dataverse.setRecordColumn("msdyn_liveworkstreams", WORKSTREAM, "statecode", 1);
    dataverse.setRecordColumn("msdyn_liveworkstreams", WORKSTREAM, "statuscode", 2);

    Run run = verify(directLineRoute());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.line("workstream"))
        .startsWith("FAIL")
        .contains("is inactive", "— fix: activate it");
  }

  @Test
  void aRecordWorkstreamIsNotAMessagingOne() {
    dataverse.setRecordColumn("msdyn_liveworkstreams", WORKSTREAM, "msdyn_streamsource", 192350000);

    Run run = verify(recordRoute());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.line("workstream"))
        .startsWith("FAIL")
        .contains(
            "Entity Records (a record workstream), not a messaging channel",
            "— fix: point dynamics.workstream-id at a messaging workstream");
  }

  @Test
  void aSmallUploadLimitWarnsThatLargerFilesBecomeNotesButDoesNotFail() {
    dataverse.setMaxUploadFileSize(5_242_880);

    Run run = verify(recordRoute());

    assertThat(run.exitCode()).isZero();
    assertThat(run.line("maxuploadfilesize"))
        .startsWith("WARN maxuploadfilesize: 5,242,880 bytes of Base64")
        .contains("media.max-bytes allows up to 16,777,216 bytes (22,369,624 encoded)")
        .contains("— fix: raise the environment's maximum attachment size to at least 22,369,624");
  }

  @Test
  void aWrongDirectLineSecretFailsThatChannel() {
    Map<String, Object> config = directLineRoute();
    config.put("directline.channels[0].secret", "not-the-channel-secret");

    Run run = verify(config);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.line("directline"))
        .startsWith(
            "FAIL directline: directline.channels[0] (workstream "
                + WORKSTREAM
                + "): Direct Line refused the secret (HTTP 403)")
        .contains("— fix: set directline.channels[0].secret")
        .doesNotContain("not-the-channel-secret");
    assertThat(run.line("privileges")).startsWith("PASS");
  }

  @Test
  void aRefusedConfigurationExitsWithItsOwnCodeBeforeAnyCheck() {
    Map<String, Object> config = recordRoute();
    config.put("dynamics.workstream-id", "not-a-guid");

    Run run = verify(config);

    assertThat(run.exitCode()).isEqualTo(VerifyCommand.CONFIGURATION);
    assertThat(run.lines())
        .containsExactly("FAIL configuration: the worker's configuration is refused (see above)");
  }
}
