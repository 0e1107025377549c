package com.opencx.handoff.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.activities.FailureTypes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ops actions of SPEC §3.1 over real HTTP against the real workflow (see {@link
 * ApiTestSupport}): retry, skip and cancel are the workflow's Updates, so what the API answers is
 * what the workflow's validator decided at that moment (409 with its reason, or 200 with what was
 * done), never a guess from a status read before. The paged list needs visibility, which the test
 * server lacks: here only its input rules; {@code OpsListE2ETest} lists against a real server.
 */
class OpsApiTest extends ApiTestSupport {

  @Test
  void aParkedRequiredStepIsNotSkippedButARetryOnAnotherWorkstreamHandsItOff() {
    String sessionId = parkAtCreateWorkItem("parked");

    Reply skip = post(ops(sessionId, "skip"), OPS_TOKEN, Map.of());
    assertProblem(skip, 409, "not_skippable");
    assertThat(skip.body().path("message").asText())
        .contains("CreateWorkItem cannot be skipped", "the handoff needs it");
    assertThat(awaitPhase(sessionId, "NeedsAttention").path("step").asText())
        .isEqualTo("CreateWorkItem");

    Reply retry = post(ops(sessionId, "retry"), OPS_TOKEN, Map.of("workstreamId", WORKSTREAM));
    assertThat(retry.status()).as("%s", retry.body()).isEqualTo(200);
    assertThat(retry.body().path("action").asText()).isEqualTo("retry");
    assertThat(retry.body().path("step").asText()).isEqualTo("CreateWorkItem");
    assertThat(retry.body().path("message").asText())
        .contains("retrying CreateWorkItem now on workstream " + WORKSTREAM);

    JsonNode handedOff = awaitPhase(sessionId, "HandedOff");
    assertThat(handedOff.path("workstreamId").asText()).isEqualTo(WORKSTREAM);
    assertThat(handedOff.path("workItemId").asText()).isEqualTo(HandoffIds.workItemId(sessionId));
    assertThat(handedOff.path("lastErrorType").isNull()).isTrue();
  }

  @Test
  void retryAndSkipOfAHandoffThatIsNotParkedAreRefusedWithTheReason() {
    String sessionId = newSessionId("noretry");
    start(sessionId);
    awaitPhase(sessionId, "HandedOff");

    Reply retry = post(ops(sessionId, "retry"), OPS_TOKEN, Map.of());
    assertProblem(retry, 409, "not_parked");
    assertThat(retry.body().path("message").asText())
        .contains("nothing to be retried", "HandedOff", "not parked in NeedsAttention");

    Reply skip = post(ops(sessionId, "skip"), OPS_TOKEN, Map.of());
    assertProblem(skip, 409, "not_parked");
    assertThat(skip.body().path("message").asText()).contains("nothing to be skipped");
  }

  @Test
  void aParkedOptionalStepIsSkippedAndTheHandoffGoesOn() {
    String sessionId = newSessionId(AUDIT_DOWN + "x");
    start(sessionId);
    JsonNode parked = awaitPhase(sessionId, "NeedsAttention");
    assertThat(parked.path("step").asText()).isEqualTo("WriteAudit");
    assertThat(parked.path("lastErrorType").asText()).isEqualTo(FailureTypes.OPENCX_REJECTED_CALL);
    assertThat(parked.path("skippable").asBoolean()).isTrue();

    Reply skip = post(ops(sessionId, "skip"), OPS_TOKEN, null);
    assertThat(skip.status()).as("%s", skip.body()).isEqualTo(200);
    assertThat(skip.body().path("action").asText()).isEqualTo("skip");
    assertThat(skip.body().path("step").asText()).isEqualTo("WriteAudit");
    assertThat(skip.body().path("message").asText()).contains("skipped WriteAudit");

    awaitPhase(sessionId, "HandedOff");
  }

  @Test
  void aCancelIsTakenOnceAndASecondIsRefused() {
    String sessionId = parkAtCreateWorkItem("cancel");

    Reply cancel =
        post(
            ops(sessionId, "cancel"),
            OPS_TOKEN,
            Map.of("reason", "customer left", "closeWorkItem", false));
    assertThat(cancel.status()).as("%s", cancel.body()).isEqualTo(200);
    assertThat(cancel.body().path("action").asText()).isEqualTo("cancel");
    assertThat(cancel.body().path("message").asText()).contains("cancelling", "customer left");

    Reply again = post(ops(sessionId, "cancel"), OPS_TOKEN, Map.of("reason", "twice"));
    assertThat(again.status()).as("%s", again.body()).isEqualTo(409);
    // Still ending (the workflow's validator) or already ended (Temporal, then the describe).
    assertThat(again.body().path("error").asText()).isIn("handoff_ending", "handoff_ended");

    JsonNode status = awaitPhase(sessionId, "Cancelled");
    assertThat(status.path("outcomeReason").asText()).contains("customer left");
    Reply late = post(ops(sessionId, "cancel"), OPS_TOKEN, Map.of());
    assertProblem(late, 409, "handoff_ended");
    assertThat(late.body().path("phase").asText()).isEqualTo("Cancelled");
  }

  @Test
  void aRetryThatWouldMoveAnExistingWorkItemToAnotherWorkstreamIsRefused() {
    String sessionId = newSessionId(AUDIT_DOWN + "moved");
    start(sessionId);
    JsonNode parked = awaitPhase(sessionId, "NeedsAttention");
    assertThat(parked.path("step").asText()).isEqualTo("WriteAudit");
    assertThat(parked.path("workItemId").asText()).isEqualTo(HandoffIds.workItemId(sessionId));

    Reply retry =
        post(ops(sessionId, "retry"), OPS_TOKEN, Map.of("workstreamId", MISSING_WORKSTREAM));
    assertProblem(retry, 409, "workstream_not_changeable");
    assertThat(retry.body().path("message").asText())
        .contains("exists on workstream " + WORKSTREAM, "retry without a workstreamId");

    Reply plain = post(ops(sessionId, "retry"), OPS_TOKEN, Map.of());
    assertThat(plain.status()).as("%s", plain.body()).isEqualTo(200);
    assertThat(plain.body().path("message").asText()).isEqualTo("retrying WriteAudit now");
  }

  @Test
  void opsActionsOnAnUnknownSessionAreNotFound() {
    String sessionId = newSessionId("opsnobody");
    for (String action : new String[] {"retry", "skip", "cancel"}) {
      Reply reply = post(ops(sessionId, action), OPS_TOKEN, Map.of());
      assertProblem(reply, 404, "not_found");
    }
  }

  @Test
  void theApiRefusesMalformedActionsItselfNamingTheField() {
    String sessionId = newSessionId("badretry");
    start(sessionId);

    assertViolation(
        post(ops(sessionId, "retry"), OPS_TOKEN, Map.of("workstreamId", "support-queue")),
        "workstreamId",
        "GUID");
    assertViolation(post(ops("bad.id", "skip"), OPS_TOKEN, Map.of()), "sessionId", "letters");
  }

  @Test
  void listParametersAreCheckedNamingTheFieldAndRule() {
    String path = "/v1/ops/handoffs";
    assertViolation(get(path + "?status=Stuck", OPS_TOKEN), "status", "NeedsAttention");
    assertViolation(get(path + "?status=Stuck", OPS_TOKEN), "status", "or all");
    assertViolation(get(path + "?pageSize=0", OPS_TOKEN), "pageSize", "from 1 to 1000");
    assertViolation(get(path + "?pageSize=1001", OPS_TOKEN), "pageSize", "from 1 to 1000");
    assertViolation(get(path + "?pageSize=ten", OPS_TOKEN), "pageSize", "whole number");
    assertViolation(get(path + "?cursor=not*base64", OPS_TOKEN), "cursor", "nextCursor");
    assertViolation(get(path + "?cursor=", OPS_TOKEN), "cursor", "nextCursor");
  }

  @Test
  void theListNeedsAServerWithVisibilityAndSaysSo() {
    Reply reply = get("/v1/ops/handoffs?status=all&pageSize=2", OPS_TOKEN);

    assertProblem(reply, 503, "temporal_unavailable");
    assertThat(reply.body().path("message").asText()).contains("no visibility list");
  }

  /** Starts a handoff on a workstream Dataverse does not know: it parks at CreateWorkItem. */
  private String parkAtCreateWorkItem(String label) {
    String sessionId = newSessionId(label);
    Map<String, Object> body = startBody(sessionId);
    body.put("workstreamId", MISSING_WORKSTREAM);
    assertThat(post("/v1/handoffs", OPENCX_TOKEN, body).status()).isEqualTo(202);
    JsonNode parked = awaitPhase(sessionId, "NeedsAttention");
    assertThat(parked.path("step").asText()).isEqualTo("CreateWorkItem");
    assertThat(parked.path("lastErrorType").asText()).isEqualTo(FailureTypes.DATAVERSE_NOT_FOUND);
    assertThat(parked.path("skippable").asBoolean()).isFalse();
    return sessionId;
  }

  private static String ops(String sessionId, String action) {
    return "/v1/ops/handoffs/" + sessionId + "/" + action;
  }
}
