package com.opencx.handoff.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.workflows.HandoffIds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The API with no worker polling the task queue, as when every worker is down or far behind: the
 * workflow's status query cannot be answered, so the status answers within the query deadline from
 * the search attributes instead of hanging for Temporal's own timeout and failing. An operator's
 * Update needs a worker to validate it, so it answers within the same deadline that none did (503).
 * The HTTP client's 10 s timeout is what would fail a hanging call; the deadline here is 1 s.
 */
@TestPropertySource(
    properties = {ApiTestSupport.NO_WORKER + "=true", "handoff.api.query-timeout=1s"})
class WorkerDownTest extends ApiTestSupport {

  @Test
  void statusAnswersFromTheSearchAttributesWhenNoWorkerAnswers() {
    String sessionId = newSessionId("noworker");
    start(sessionId);

    Reply status = get("/v1/handoffs/" + sessionId, OPENCX_TOKEN);

    assertThat(status.status()).as("%s", status.body()).isEqualTo(200);
    JsonNode body = status.body();
    assertThat(body.path("source").asText()).isEqualTo("search-attributes");
    assertThat(body.path("note").asText()).contains("worker did not answer");
    assertThat(body.path("sessionId").asText()).isEqualTo(sessionId);
    assertThat(body.path("workflowId").asText()).isEqualTo(HandoffIds.workflowId(sessionId));
    assertThat(body.path("phase").asText()).isEqualTo("InProgress");
    assertThat(body.path("executionStatus").asText()).isEqualTo("Running");
    // No workflow task has run: these came with the start request
    // (HandoffSearchAttributes.atStart).
    assertThat(body.path("step").asText()).isEqualTo("ValidateSession");
    assertThat(body.path("workstreamId").asText()).isEqualTo(WORKSTREAM);
  }

  @Test
  void opsActionsAnswerWithinTheDeadlineSayingNoWorkerAnswered() {
    String sessionId = newSessionId("noworkerops");
    start(sessionId);

    for (String action : List.of("retry", "skip", "cancel")) {
      Reply reply = post("/v1/ops/handoffs/" + sessionId + "/" + action, OPS_TOKEN, Map.of());
      assertProblem(reply, 503, "worker_did_not_answer");
      assertThat(reply.body().path("message").asText())
          .contains("no worker answered the " + action, sessionId, "within 1000 ms")
          .contains("read the status before sending it again");
    }
  }

  @Test
  void aTerminatedHandoffReadsAsEndedWithoutAWorker() {
    String sessionId = newSessionId("noworkerended");
    start(sessionId);
    temporal.newUntypedWorkflowStub(HandoffIds.workflowId(sessionId)).terminate("test");

    Reply status = get("/v1/handoffs/" + sessionId, OPENCX_TOKEN);
    assertThat(status.status()).as("%s", status.body()).isEqualTo(200);
    assertThat(status.body().path("phase").asText()).isEqualTo("Failed");
    assertThat(status.body().path("executionStatus").asText()).isEqualTo("Terminated");

    Map<String, Object> message =
        Map.of("messageId", "wamid.1", "receivedAt", Instant.now().toString(), "media", List.of());
    Reply reply = post("/v1/handoffs/" + sessionId + "/messages", OPENCX_TOKEN, message);
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(409);
    assertThat(reply.body().path("phase").asText()).isEqualTo("Failed");
  }
}
