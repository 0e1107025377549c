package com.opencx.handoff.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.workflows.HandoffIds;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end against a real Temporal server (the {@code temporal} CLI dev server that {@code
 * .ci/run} starts, at {@code TEMPORAL_ADDRESS}, default 127.0.0.1:7233): the same handoff as {@link
 * DevStackTest}, plus what only a real server can show — finding the handoff by its {@code
 * OpenCxSessionId} search attribute through a visibility query, and the ops listing built on it.
 */
@Tag("e2e")
class DevStackE2ETest {

  @TempDir static Path dataDir;
  static DevStack stack;
  static HandoffScenario scenario;

  @BeforeAll
  static void start() throws Exception {
    String target = System.getenv().getOrDefault("TEMPORAL_ADDRESS", "127.0.0.1:7233");
    stack =
        DevStack.start(DevStackTest.freePorts(), TemporalService.Mode.EXTERNAL, target, dataDir);
    scenario = new HandoffScenario(stack);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aHandoffIsFoundBySessionIdThroughVisibility() throws Exception {
    String sessionId = scenario.newSession();
    scenario.handOff(sessionId);

    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalTarget()).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(service);
      List<String> found = List.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (found.isEmpty() && System.nanoTime() < deadline) {
        found =
            client
                .listExecutions("OpenCxSessionId='" + sessionId + "' AND HandoffStatus='HandedOff'")
                .map(e -> e.getExecution().getWorkflowId())
                .toList();
        Thread.sleep(200);
      }
      assertThat(found).containsExactly(HandoffIds.workflowId(sessionId));
    } finally {
      service.shutdownNow();
    }

    var listed = scenario.get("/v1/ops/handoffs?status=HandedOff", DevStack.OPS_TOKEN);
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    JsonNode rows = HandoffScenario.JSON.readTree(listed.body()).get("handoffs");
    assertThat(rows.findValuesAsText("sessionId")).contains(sessionId);

    scenario.post("/v1/handoffs/" + sessionId + "/close", "{\"reason\":\"e2e done\"}");
    scenario.awaitStatus(sessionId, s -> "Closed".equals(s.path("phase").asText()));
  }
}
