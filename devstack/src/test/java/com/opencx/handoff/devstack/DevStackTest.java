package com.opencx.handoff.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.emulators.DemoData;
import com.opencx.handoff.worker.verify.VerifyReport;
import com.opencx.handoff.workflows.HandoffIds;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The whole product in one process on Temporal's in-process Java test server: HTTP API → Temporal →
 * worker → emulators, for the happy path, a rejection and the close. Runs with the normal test
 * command; {@link DevStackE2ETest} runs the same scenario against a real Temporal server.
 */
class DevStackTest {

  @TempDir static Path dataDir;
  static DevStack stack;
  static HandoffScenario scenario;

  @BeforeAll
  static void start() throws Exception {
    // A previous run's dev-server history, which would not match the empty emulators.
    Files.writeString(dataDir.resolve("temporal.db"), "history of the last run");
    stack = DevStack.start(freePorts(), TemporalService.Mode.TEST_SERVER, null, dataDir);
    scenario = new HandoffScenario(stack);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aHandoffReachesTheRepAndEndsWhenOpenCxClosesIt() throws Exception {
    String sessionId = scenario.newSession();
    scenario.handOff(sessionId);

    var closed = scenario.post("/v1/handoffs/" + sessionId + "/close", "{\"reason\":\"done\"}");
    assertThat(closed.statusCode()).isEqualTo(202);
    JsonNode status =
        scenario.awaitStatus(sessionId, s -> "Closed".equals(s.path("phase").asText()));
    assertThat(status.get("outcomeReason").asText()).contains("done");
    scenario.awaitAudit(sessionId, "handoff.closed");
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void noCustomerDataReachesTheLogsOrTheSearchAttributes(CapturedOutput output) throws Exception {
    String sessionId = scenario.newSession();
    scenario.handOff(sessionId);

    var attributes =
        WorkflowClient.newInstance(
                io.temporal.serviceclient.WorkflowServiceStubs.newServiceStubs(
                    io.temporal.serviceclient.WorkflowServiceStubsOptions.newBuilder()
                        .setTarget(stack.temporalTarget())
                        .build()))
            .newUntypedWorkflowStub(HandoffIds.workflowId(sessionId))
            .describe()
            .getRawDescription()
            .getWorkflowExecutionInfo()
            .getSearchAttributes()
            .toString();
    for (String text : new String[] {attributes, output.getAll()}) {
      assertThat(text)
          .doesNotContain(DemoData.CUSTOMER_PHONE)
          .doesNotContain(DemoData.CUSTOMER_EMAIL)
          .doesNotContain(DemoData.CUSTOMER_NAME)
          .doesNotContain(DemoData.SUMMARY.substring(0, 40));
    }
    assertThat(attributes).contains(sessionId);
  }

  @Test
  void theDevStacksOwnConfigurationPassesVerifyAndAFailureOnlyWarns() {
    VerifyReport report = stack.verify();

    assertThat(report.exitCode()).isZero();
    assertThat(report.lines())
        .extracting(line -> line.substring(0, line.indexOf(':')))
        .containsExactly(
            "PASS token",
            "PASS whoami",
            "PASS workstream",
            "PASS privileges",
            // The emulator keeps Dataverse's default 5 MB; media.max-bytes is 16 MB.
            "WARN maxuploadfilesize");
    assertThat(VerifyBanner.section(report)).doesNotContain("WARNING");

    stack.dataverse.revokePrivilege("prvCreateNote");
    try {
      VerifyReport failed = stack.verify();
      assertThat(failed.exitCode()).isEqualTo(VerifyReport.FAILED);
      assertThat(VerifyBanner.section(failed))
          .contains("  FAIL privileges: missing prvCreateNote (attach media)")
          .contains("WARNING: a check failed; the stack runs anyway");
    } finally {
      stack.dataverse.grantAllPrivileges();
    }
  }

  @Test
  void aRestartStartsWithoutTheLastRunsHistoryAndSaysSo() {
    assertThat(dataDir.resolve("temporal.db")).doesNotExist();
    assertThat(stack.banner()).contains("State: fresh", "--keep-state");
  }

  @Test
  void theBannerNamesTheAgentInboxWhoseAddressServesThePage() throws Exception {
    assertThat(stack.banner())
        .contains("  Agent inbox         " + stack.directLine.baseUrl() + "/inbox#key=")
        .contains(stack.inboxUrl());
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stack.inboxUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>Agent inbox");
    assertThat(stack.inboxUrl()).endsWith("#key=" + DevStack.DIRECT_LINE_CONTROL_KEY);
  }

  @Test
  void aFileDynamicsRefusesReachesTheRepAsANoteAndIsAudited() throws Exception {
    String sessionId = scenario.newSession();
    stack.openCx.addMedia(sessionId, "doc-1", "application/pdf", new byte[2048]);
    String body =
        HandoffScenario.startBody(sessionId)
            .replace(
                "\"media\":[]",
                "\"media\":[{\"mediaId\":\"doc-1\",\"mimeType\":\"application/pdf\","
                    + "\"sizeBytes\":2048,\"fileName\":\"setup.exe\"}]");
    assertThat(scenario.post("/v1/handoffs", body).statusCode()).isEqualTo(202);

    JsonNode status =
        scenario.awaitStatus(sessionId, s -> s.path("media").path(0).hasNonNull("auditEventId"));
    JsonNode media = status.path("media").path(0);
    assertThat(media.path("status").asText()).isEqualTo("Skipped");
    assertThat(media.path("reason").asText()).contains("Dynamics refused the file", "0x80043e09");
    String note =
        (String)
            stack
                .dataverse
                .record("annotations", media.path("annotationId").asText())
                .orElseThrow()
                .get("notetext");
    assertThat(note).contains("setup.exe", "application/pdf", "2.0 KB", "0x80043e09");
    scenario.awaitAudit(sessionId, "media.skipped");
  }

  @Test
  void anUnknownSessionIsRejected() throws Exception {
    String sessionId = "never-seen-" + System.nanoTime();
    var started = scenario.post("/v1/handoffs", HandoffScenario.startBody(sessionId));
    assertThat(started.statusCode()).isEqualTo(202);

    JsonNode status =
        scenario.awaitStatus(sessionId, s -> "Rejected".equals(s.path("phase").asText()));
    assertThat(status.get("outcomeReason").asText()).contains(sessionId);
    assertThat(status.get("workItemId").isNull()).isTrue();
    scenario.awaitAudit(sessionId, "handoff.rejected");
  }

  @Test
  void aSessionOnAnotherChannelIsRejectedAndTheAiResumes() throws Exception {
    String sessionId = scenario.newSession("sms");
    scenario.post("/v1/handoffs", HandoffScenario.startBody(sessionId));

    JsonNode status =
        scenario.awaitStatus(sessionId, s -> "Rejected".equals(s.path("phase").asText()));
    assertThat(status.get("outcomeReason").asText()).contains("sms");
    assertThat(stack.openCx.handoffFailures()).anyMatch(f -> sessionId.equals(f.get("sessionId")));
    assertThat(stack.openCx.session(sessionId).orElseThrow().status()).isEqualTo("ai");
    assertThat(stack.dataverse.records("msdyn_ocliveworkitems"))
        .noneMatch(w -> w.get("activityid").equals(HandoffIds.workItemId(sessionId)));
    scenario.awaitAudit(sessionId, "handoff.rejected");
  }

  @Test
  void badInputIsRefusedNamingTheField() throws Exception {
    String body = HandoffScenario.startBody("ok-session").replace("+14155550100", "415-555");
    var response = scenario.post("/v1/handoffs", body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("customer.phone").contains("E.164");
  }

  /** A stack on the real Temporal server of the e2e suite ({@code TEMPORAL_ADDRESS}). */
  static DevStack onRealServer(Path dataDir, Map<String, Object> overrides) throws Exception {
    String target = System.getenv().getOrDefault("TEMPORAL_ADDRESS", "127.0.0.1:7233");
    return DevStack.start(freePorts(), TemporalService.Mode.EXTERNAL, target, dataDir, overrides);
  }

  static DevStack.Ports freePorts() throws IOException {
    return new DevStack.Ports(0, 0, 0, 0, freePort(), freePort());
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
