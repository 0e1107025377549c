package com.opencx.handoff.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.workflows.HandoffIds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Starts of one session racing each other (OpenCX retrying, two API replicas): only one run may
 * exist, and the callers must be told the truth about it, exactly one 202 "started" and 200
 * "existing" for the rest, all naming the same run. A finished handoff is never started again.
 */
class ConcurrentStartTest extends ApiTestSupport {

  private static final int CALLERS = 8;

  @Test
  void concurrentFirstStartsAnswerOneStartedAndTheRestExisting() throws Exception {
    String sessionId = newSessionId("race");
    String body = json(startBody(sessionId));
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
    try {
      List<Future<Reply>> calls = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        calls.add(
            pool.submit(
                () -> {
                  go.await();
                  return postRaw("/v1/handoffs", OPENCX_TOKEN, body);
                }));
      }
      go.countDown();
      List<Reply> replies = new ArrayList<>();
      for (Future<Reply> call : calls) {
        replies.add(call.get());
      }

      assertThat(replies).extracting(Reply::status).containsOnly(200, 202);
      assertThat(replies).filteredOn(r -> r.status() == 202).hasSize(1);
      assertThat(replies)
          .allSatisfy(
              r ->
                  assertThat(r.body().path("status").asText())
                      .isEqualTo(r.status() == 202 ? "started" : "existing"));
      String runId =
          temporal
              .newUntypedWorkflowStub(HandoffIds.workflowId(sessionId))
              .describe()
              .getExecution()
              .getRunId();
      assertThat(replies).extracting(r -> r.body().path("runId").asText()).containsOnly(runId);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFinishedHandoffIsNeverStartedAgain() {
    String sessionId = newSessionId(UNKNOWN_SESSION + "again");
    String runId = start(sessionId).body().path("runId").asText();
    awaitPhase(sessionId, "Rejected");

    Reply again = post("/v1/handoffs", OPENCX_TOKEN, startBody(sessionId));

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("status").asText()).isEqualTo("existing");
    assertThat(again.body().path("runId").asText()).isEqualTo(runId);
  }
}
