package com.opencx.handoff.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's round trip on the real workflow: a handoff parked on a workstream Dynamics does
 * not know is shown with its failure, a skip is refused with the workflow's reason (exit 1), a
 * retry or retarget is accepted (exit 0) and {@code show} then finds it moved on; a skippable park
 * is skipped; a cancel ends it, after which it is no longer running (exit 3). Temporal is the Java
 * test server bound to a port, reached through {@code --address} like any server, with the real
 * payload codec on both sides.
 */
class OpsCommandTest {

  static OpsHarness ops;

  @BeforeAll
  static void start() throws IOException {
    ops = OpsHarness.onTestServer();
  }

  @AfterAll
  static void stop() {
    if (ops != null) {
      ops.close();
    }
  }

  /** Starts a handoff on the missing workstream and waits until it is parked at CreateWorkItem. */
  static String parked(String label) {
    String sessionId = OpsHarness.newSession(label);
    ops.start(sessionId, OpsHarness.MISSING_WORKSTREAM);
    ops.awaitShown(sessionId, "NeedsAttention", "CreateWorkItem");
    return sessionId;
  }

  @Test
  void aParkedHandoffRefusesASkipTakesARetryAndMovesOn() {
    String sessionId = parked("parked");

    OpsHarness.Result shown = ops.run("show", sessionId);
    assertThat(shown.exit()).as(shown.err()).isZero();
    assertThat(shown.out())
        .contains("NeedsAttention")
        .contains("CreateWorkItem (attempt")
        .contains("cannot be skipped")
        .contains(
            "last failure  DataverseNotFound: 404 workstream " + OpsHarness.MISSING_WORKSTREAM)
        .contains("the workflow's status query");

    OpsHarness.Result skip = ops.run("skip", sessionId);
    assertThat(skip.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(skip.err())
        .contains("refused (NotSkippable)")
        .contains("step CreateWorkItem cannot be skipped");

    // An admin creates the workstream in Dynamics; the same step now succeeds.
    ops.fakes.missingWorkstreams.remove(OpsHarness.MISSING_WORKSTREAM);
    try {
      OpsHarness.Result retry = ops.run("retry", sessionId);
      assertThat(retry.exit()).as(retry.err()).isZero();
      assertThat(retry.out().strip()).isEqualTo("retrying CreateWorkItem now");

      JsonNode after = ops.awaitShown(sessionId, "HandedOff", null);
      assertThat(after.path("source").asText()).isEqualTo("status-query");
      assertThat(after.path("status").path("workItemId").asText()).isNotBlank();
      OpsHarness.Result text = ops.run("show", sessionId);
      assertThat(text.out()).contains("HandedOff").doesNotContain("NeedsAttention");
    } finally {
      ops.fakes.missingWorkstreams.add(OpsHarness.MISSING_WORKSTREAM);
    }
  }

  @Test
  void retargetCreatesTheWorkItemOnAnotherWorkstream() {
    String sessionId = parked("retarget");

    OpsHarness.Result retarget = ops.run("retarget", sessionId, OpsHarness.WORKSTREAM);
    assertThat(retarget.exit()).as(retarget.err()).isZero();
    assertThat(retarget.out())
        .contains("retrying CreateWorkItem now on workstream " + OpsHarness.WORKSTREAM);

    JsonNode after = ops.awaitShown(sessionId, "HandedOff", null);
    assertThat(after.path("workstreamId").asText()).isEqualTo(OpsHarness.WORKSTREAM);
    assertThat(after.path("status").path("workstreamId").asText()).isEqualTo(OpsHarness.WORKSTREAM);
  }

  @Test
  void retryWithAWorkstreamIsARetarget() {
    String sessionId = parked("retry-ws");

    OpsHarness.Result retry =
        ops.run("retry", sessionId, "--workstream", OpsHarness.WORKSTREAM.toUpperCase());
    assertThat(retry.exit()).as(retry.err()).isZero();
    assertThat(retry.out()).contains("on workstream " + OpsHarness.WORKSTREAM);
    ops.awaitShown(sessionId, "HandedOff", null);
  }

  @Test
  void aStepTheHandoffCanDoWithoutIsSkipped() {
    String sessionId = OpsHarness.newSession(FakeActivities.AUDIT_DOWN + "skip");
    ops.start(sessionId, OpsHarness.WORKSTREAM);
    JsonNode parked = ops.awaitShown(sessionId, "NeedsAttention", "WriteAudit");
    assertThat(parked.path("status").path("skippable").asBoolean()).isTrue();
    assertThat(parked.path("lastErrorType").asText()).isEqualTo("OpenCxRejectedCall");
    assertThat(ops.run("show", sessionId).out())
        .contains("WriteAudit (attempt")
        .contains("may be skipped");

    OpsHarness.Result skip = ops.run("skip", sessionId, "--operator", "bob");
    assertThat(skip.exit()).as(skip.err()).isZero();
    assertThat(skip.out()).contains("skipped WriteAudit; the handoff goes on without it");

    ops.awaitShown(sessionId, "HandedOff", null);
  }

  @Test
  void aCancelEndsTheHandoffAfterWhichNothingIsRunning() {
    String sessionId = parked("cancel");

    OpsHarness.Result noReason = ops.run("cancel", sessionId);
    assertThat(noReason.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(noReason.err()).contains("--reason");

    OpsHarness.Result cancel =
        ops.run("cancel", sessionId, "--reason", "customer went to the shop", "--close-work-item");
    assertThat(cancel.exit()).as(cancel.err()).isZero();
    assertThat(cancel.out())
        .contains("cancelling")
        .contains("alice")
        .contains("customer went to the shop");

    JsonNode ended =
        ops.await(
                r -> r.exit() == 0 && !"Running".equals(r.json().path("execution").asText()),
                "show",
                sessionId,
                "--json")
            .json();
    assertThat(ended.path("phase").asText()).isEqualTo("Cancelled");
    assertThat(ops.run("show", sessionId).out()).contains("Cancelled").contains("ended");

    OpsHarness.Result retry = ops.run("retry", sessionId);
    assertThat(retry.exit()).as(retry.out() + retry.err()).isEqualTo(ExitCodes.NOT_RUNNING);
    assertThat(ops.run("cancel", sessionId, "--reason", "again").exit())
        .isEqualTo(ExitCodes.NOT_RUNNING);
  }

  @Test
  void aHandoffThatIsNotParkedRefusesARetry() {
    String sessionId = OpsHarness.newSession("healthy");
    ops.start(sessionId, OpsHarness.WORKSTREAM);
    ops.awaitShown(sessionId, "HandedOff", null);

    OpsHarness.Result retry = ops.run("retry", sessionId, "--json");
    assertThat(retry.exit()).isEqualTo(ExitCodes.REFUSED);
    JsonNode refusal = retry.json();
    assertThat(refusal.path("error").asText()).isEqualTo("refused");
    assertThat(refusal.path("type").asText()).isEqualTo("NotParked");
    assertThat(refusal.path("message").asText())
        .contains("not parked in NeedsAttention")
        .doesNotStartWith("refused");
    ops.terminate(sessionId);
  }

  @Test
  void anUnknownSessionIsNotRunning() {
    String unknown = OpsHarness.newSession("never-started");
    for (String[] args :
        new String[][] {
          {"show", unknown},
          {"retry", unknown},
          {"retarget", unknown, OpsHarness.WORKSTREAM},
          {"skip", unknown},
          {"cancel", unknown, "--reason", "test"}
        }) {
      OpsHarness.Result result = ops.run(args);
      assertThat(result.exit())
          .as("%s: %s", args[0], result.err())
          .isEqualTo(ExitCodes.NOT_RUNNING);
      assertThat(result.err()).contains(unknown);
    }
    JsonNode json = ops.run("skip", unknown, "--json").json();
    assertThat(json.path("error").asText()).isEqualTo("not_running");
  }

  @Test
  void actionsAnswerJsonThatParses() {
    String sessionId = parked("json");

    JsonNode shown = ops.run("show", sessionId, "--json").json();
    assertThat(shown.path("sessionId").asText()).isEqualTo(sessionId);
    assertThat(shown.path("workflowId").asText()).isEqualTo("whatsapp-handoff-" + sessionId);
    assertThat(shown.path("execution").asText()).isEqualTo("Running");
    assertThat(shown.path("lastErrorType").asText()).isEqualTo("DataverseNotFound");
    assertThat(shown.path("lastError").asText()).contains("404");
    assertThat(shown.path("startedAt").asText()).endsWith("Z");
    assertThat(shown.path("status").path("skippable").asBoolean()).isFalse();

    JsonNode skip = ops.run("skip", sessionId, "--json").json();
    assertThat(skip.path("error").asText()).isEqualTo("refused");
    assertThat(skip.path("type").asText()).isEqualTo("NotSkippable");

    JsonNode retarget =
        ops.run("retarget", sessionId, OpsHarness.WORKSTREAM, "--json", "--operator", "carol")
            .json();
    assertThat(retarget.path("result").asText()).isEqualTo("done");
    assertThat(retarget.path("action").asText()).isEqualTo("retry");
    assertThat(retarget.path("step").asText()).isEqualTo("CreateWorkItem");
    assertThat(retarget.path("operator").asText()).isEqualTo("carol");

    JsonNode usage = ops.run("retry", "bad id", "--json").json();
    assertThat(usage.path("error").asText()).isEqualTo("usage");
  }
}
