package com.opencx.handoff.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.Phase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every stored history must replay on today's code: a change to the workflow's commands that is not
 * guarded by {@code Workflow.getVersion} fails here before it can break running handoffs. Histories
 * live in {@code src/test/resources/histories}; record a new one with {@code ./mvnw -pl workflows
 * test -Dtest=HandoffReplayTest -Dhandoff.recordHistories=true} when the workflow gains a new path,
 * and keep the old files.
 */
class HandoffReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  @RegisterExtension static final TestWorkflowExtension TEMPORAL = HandoffFixtures.extension();

  @Test
  void storedHistoriesReplay() throws Exception {
    try (var files = Files.list(HISTORIES)) {
      var names = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      assertThat(names).as("stored histories").isNotEmpty();
      for (Path file : names) {
        WorkflowReplayer.replayWorkflowExecution(
            Files.readString(file, StandardCharsets.UTF_8), HandoffWorkflowImpl.class);
      }
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "handoff.recordHistories", matches = "true")
  void recordHappyPath(TestWorkflowEnvironment env, Worker worker) throws IOException {
    new HandoffFixtures().register(worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.stub(env, worker, "replay-happy");
    MediaItem photo = new MediaItem("m-1", "image/jpeg", 2048L, "receipt.jpg", "my receipt");
    WorkflowClient.start(
        handoff::run,
        HandoffFixtures.request(
            "replay-happy", Instant.ofEpochMilli(env.currentTimeMillis()), photo),
        null);
    HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
    handoff.close(new CloseRequest("conversation ended"));
    assertThat(WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class).outcome())
        .isEqualTo(Phase.Closed);
    WorkflowExecutionHistory history =
        env.getWorkflowClient().fetchHistory(HandoffIds.workflowId("replay-happy"));
    Files.writeString(HISTORIES.resolve("happy-path-v1.json"), history.toJson(true));
  }
}
