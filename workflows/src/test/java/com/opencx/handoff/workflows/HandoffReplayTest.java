package com.opencx.handoff.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.model.CancelRequest;
import com.opencx.handoff.workflows.model.CarriedOver;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.InboundMessage;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.RelayHealth;
import com.opencx.handoff.workflows.model.RepActivity;
import com.opencx.handoff.workflows.model.RetryRequest;
import com.opencx.handoff.workflows.model.SkipRequest;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.WorkflowInit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
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

  /** The first history recorded through the payload codec; those before it are plain. */
  private static final String ENCRYPTED = "happy-path-encrypted-v2.json";

  @RegisterExtension static final TestWorkflowExtension TEMPORAL = HandoffFixtures.extension();

  @Test
  void storedHistoriesReplay(TestWorkflowEnvironment env) throws Exception {
    List<Path> names = storedHistories();
    assertThat(names).as("stored histories").isNotEmpty();
    for (Path file : names) {
      replay(env, file, HandoffWorkflowImpl.class);
    }
  }

  /** The SDK's 1 s deadlock detector must not fail a replay because the machine is busy. */
  @Test
  void aReplayOnABusyMachineStillPasses(TestWorkflowEnvironment env) throws Exception {
    replay(env, storedHistories().get(0), SlowHandoffWorkflowImpl.class);
  }

  /** A workflow task that takes 1.5 s of wall clock, as on a machine with every core busy. */
  public static class SlowHandoffWorkflowImpl extends HandoffWorkflowImpl {
    @WorkflowInit
    public SlowHandoffWorkflowImpl(HandoffRequest request, CarriedOver carriedOver) {
      super(request, carriedOver);
    }

    @Override
    public HandoffResult run(HandoffRequest request, CarriedOver carriedOver) {
      try {
        Thread.sleep(1_500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.run(request, carriedOver);
    }
  }

  /**
   * Replays on a worker whose deadlock detector allows {@link HandoffFixtures#BUSY_MACHINE}: a
   * replay proves determinism, and a slow thread on a shared machine is not a determinism fault.
   */
  private static void replay(TestWorkflowEnvironment env, Path file, Class<?> implementation)
      throws Exception {
    Worker worker =
        env.newWorker(
            "replay-" + implementation.getSimpleName() + "-" + file.getFileName(),
            WorkerOptions.newBuilder()
                .setDefaultDeadlockDetectionTimeout(HandoffFixtures.BUSY_MACHINE.toMillis())
                .build());
    worker.registerWorkflowImplementationTypes(implementation);
    WorkflowReplayer.replayWorkflowExecution(
        WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8)), worker);
  }

  private static List<Path> storedHistories() throws IOException {
    try (var files = Files.list(HISTORIES)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  /**
   * Records the latest version's paths (files named for version 7, the Dataverse task queue; the
   * "-v3" and "-v4" ones were recorded by those): a handoff with media started as the API starts
   * it, and a park answered by Updates (a refused skip, a retry onto another workstream, a cancel).
   * The histories recorded by earlier code are kept as they are: re-recording them would lose them.
   */
  @Test
  @EnabledIfSystemProperty(named = "handoff.recordHistories", matches = "true")
  void recordLeanHistories(TestWorkflowEnvironment env, Worker worker) throws IOException {
    HandoffFixtures acts = new HandoffFixtures();
    when(acts.dynamics.createWorkItem(
            argThat(
                d ->
                    d != null
                        && d.sessionId().equals("replay-parked-updates")
                        && d.workstreamId()
                            .equals(HandoffFixtures.request("x", null).workstreamId()))))
        .thenThrow(
            ApplicationFailure.newFailure(
                "404: workstream does not exist", FailureTypes.DATAVERSE_NOT_FOUND));
    acts.register(env, worker);
    env.start();

    HandoffWorkflow happy = HandoffFixtures.start(env, worker, "replay-lean-happy");
    HandoffWorkflowTest.awaitStatus(happy, s -> s.phase() == Phase.HandedOff);
    happy.inboundMessage(
        new InboundMessage(
            "wamid-1",
            Instant.ofEpochMilli(env.currentTimeMillis()),
            List.of(new MediaItem("m-2", "image/jpeg", 2048L, "photo.jpg", null))));
    HandoffWorkflowTest.awaitStatus(happy, s -> s.media().size() == 1);
    happy.close(new CloseRequest("conversation ended"));
    WorkflowStub.fromTyped(happy).getResult(HandoffResult.class);

    HandoffWorkflow parked = HandoffFixtures.start(env, worker, "replay-parked-updates");
    HandoffWorkflowTest.awaitStatus(parked, s -> s.phase() == Phase.NeedsAttention);
    assertThat(HandoffFixtures.refusal(() -> parked.skip(new SkipRequest("ops"))).getType())
        .isEqualTo(OperatorRefusals.NOT_SKIPPABLE);
    parked.retry(new RetryRequest("9a8b7c6d-0000-4000-8000-00000000abcd", "ops"));
    HandoffWorkflowTest.awaitStatus(parked, s -> s.phase() == Phase.HandedOff);
    parked.cancel(new CancelRequest("replay recording done", false, "ops"));
    assertThat(WorkflowStub.fromTyped(parked).getResult(HandoffResult.class).outcome())
        .isEqualTo(Phase.Cancelled);

    for (String id : new String[] {"replay-lean-happy", "replay-parked-updates"}) {
      WorkflowExecutionHistory history =
          env.getWorkflowClient().fetchHistory(HandoffIds.workflowId(id));
      Files.writeString(HISTORIES.resolve(id.substring(7) + "-v7.json"), history.toJson(true));
    }
  }

  /**
   * Records a handoff over Direct Line with later messages, one of them with media (version 5: its
   * text, then its media, then the next message). {@code direct-line-v5.json}, recorded by version
   * 4 with a text only, is kept.
   */
  @Test
  @EnabledIfSystemProperty(named = "handoff.recordHistories", matches = "true")
  void recordDirectLineHistory(TestWorkflowEnvironment env, Worker worker) throws IOException {
    HandoffFixtures acts = new HandoffFixtures();
    acts.overDirectLine("conv-replay", "0d6f0c4e-1111-4222-8333-444455556666");
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "replay-direct-line");
    HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    handoff.inboundMessage(
        new InboundMessage(
            "wamid-1",
            now,
            "the receipt",
            List.of(new MediaItem("m-1", "image/jpeg", 2048L, "receipt.jpg", null))));
    handoff.inboundMessage(new InboundMessage("wamid-2", now, "thanks", List.of()));
    env.sleep(java.time.Duration.ofMinutes(1));
    handoff.close(new CloseRequest("conversation ended"));
    WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class);
    Files.writeString(
        HISTORIES.resolve("direct-line-in-order-v6.json"),
        env.getWorkflowClient()
            .fetchHistory(HandoffIds.workflowId("replay-direct-line"))
            .toJson(true));
  }

  /**
   * Records the rep's side over Direct Line (version 6): a reply delivered, a relay outage shown
   * and cleared, the window closing, a held reply, a template, and the rep's end.
   */
  @Test
  @EnabledIfSystemProperty(named = "handoff.recordHistories", matches = "true")
  void recordRepRepliesHistory(TestWorkflowEnvironment env, Worker worker) throws IOException {
    HandoffFixtures acts = new HandoffFixtures();
    acts.overDirectLine("conv-replay", "0d6f0c4e-1111-4222-8333-444455556666");
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "replay-rep-replies");
    HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
    Instant at = Instant.ofEpochMilli(env.currentTimeMillis());
    handoff.repActivity(new RepActivity("r1", RepActivity.MESSAGE, "Rep", "hello", List.of(), at));
    handoff.relayHealth(new RelayHealth("DirectLineUnavailable", at));
    HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.NeedsAttention);
    handoff.relayHealth(RelayHealth.healthy());
    HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
    env.sleep(java.time.Duration.ofHours(25));
    handoff.repActivity(new RepActivity("r2", RepActivity.MESSAGE, "Rep", "later", List.of(), at));
    handoff.repActivity(
        new RepActivity("r3", RepActivity.MESSAGE, "Rep", "/template follow_up", List.of(), at));
    handoff.repActivity(
        new RepActivity("r4", RepActivity.END_OF_CONVERSATION, "Rep", null, List.of(), at));
    WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class);
    Files.writeString(
        HISTORIES.resolve("rep-replies-v7.json"),
        env.getWorkflowClient()
            .fetchHistory(HandoffIds.workflowId("replay-rep-replies"))
            .toJson(true));
  }

  /** Recorded through the payload codec with {@link HandoffFixtures#TEST_KEYS}. */
  @Test
  void anEncryptedHistoryHoldsNoCustomerDataInClear() throws IOException {
    String json = Files.readString(HISTORIES.resolve(ENCRYPTED), StandardCharsets.UTF_8);
    String decoded = decodeBase64Strings(json);

    assertThat(decoded).contains("binary/encrypted");
    HandoffRequest request = HandoffFixtures.request("replay-encrypted", Instant.EPOCH);
    assertThat(decoded)
        .doesNotContain(request.customer().phone())
        .doesNotContain(request.customer().email())
        .doesNotContain(request.customer().name())
        .doesNotContain(request.summary());
  }

  /**
   * Every string of a JSON history, those in base64 (payload data and metadata) decoded: what
   * anyone reading the raw history, or the database, would see.
   */
  static String decodeBase64Strings(String json) throws IOException {
    StringBuilder seen = new StringBuilder();
    new ObjectMapper().readTree(json).forEach(node -> collect(node, seen));
    return seen.toString();
  }

  private static void collect(JsonNode node, StringBuilder seen) {
    if (node.isTextual()) {
      String text = node.asText();
      boolean base64 = text.length() % 4 == 0 && text.matches("[A-Za-z0-9+/]+={0,2}");
      seen.append(
              base64 ? new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8) : text)
          .append('\n');
    }
    node.forEach(child -> collect(child, seen));
  }
}
