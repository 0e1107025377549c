package com.opencx.handoff.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.model.CarriedOver;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.OperatorDecision;
import com.opencx.handoff.workflows.model.Phase;
import io.temporal.client.WorkflowClient;
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

  /** The history recorded through the payload codec; the others predate it and are plain. */
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

  @Test
  @EnabledIfSystemProperty(named = "handoff.recordHistories", matches = "true")
  void recordRejectionAndParkedRetry(TestWorkflowEnvironment env, Worker worker)
      throws IOException {
    HandoffFixtures acts = new HandoffFixtures();
    when(acts.sessions.validateSession(
            argThat(i -> i != null && i.request().sessionId().equals("replay-rejected"))))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "session replay-rejected is closed at OpenCX", FailureTypes.SESSION_REJECTED));
    when(acts.dynamics.createWorkItem(
            argThat(
                d ->
                    d != null
                        && d.workstreamId()
                            .equals(HandoffFixtures.request("x", null).workstreamId()))))
        .thenThrow(
            ApplicationFailure.newFailure(
                "404: workstream does not exist", FailureTypes.DATAVERSE_NOT_FOUND));
    acts.register(worker);
    env.start();
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());

    HandoffWorkflow rejected = HandoffFixtures.stub(env, worker, "replay-rejected");
    assertThat(rejected.run(HandoffFixtures.request("replay-rejected", now), null).outcome())
        .isEqualTo(Phase.Rejected);

    HandoffWorkflow parked = HandoffFixtures.stub(env, worker, "replay-parked");
    WorkflowClient.start(parked::run, HandoffFixtures.request("replay-parked", now), null);
    HandoffWorkflowTest.awaitStatus(parked, s -> s.phase() == Phase.NeedsAttention);
    parked.decide(OperatorDecision.retry("9a8b7c6d-0000-4000-8000-00000000abcd", "ops"));
    HandoffWorkflowTest.awaitStatus(parked, s -> s.phase() == Phase.HandedOff);
    parked.decide(OperatorDecision.cancel("replay recording done", false, "ops"));
    assertThat(WorkflowStub.fromTyped(parked).getResult(HandoffResult.class).outcome())
        .isEqualTo(Phase.Cancelled);

    for (String id : new String[] {"replay-rejected", "replay-parked"}) {
      WorkflowExecutionHistory history =
          env.getWorkflowClient().fetchHistory(HandoffIds.workflowId(id));
      Files.writeString(HISTORIES.resolve(id.substring(7) + "-v1.json"), history.toJson(true));
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "handoff.recordHistories", matches = "true")
  void recordRefusedMediaAndCloseWithoutReason(TestWorkflowEnvironment env, Worker worker)
      throws IOException {
    HandoffFixtures acts = new HandoffFixtures();
    when(acts.media.attachMedia(argThat(a -> a != null && a.item().mediaId().equals("m-bad"))))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "400 0x80043e09: blocked attachment", FailureTypes.DATAVERSE_BAD_REQUEST));
    acts.register(worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.stub(env, worker, "replay-media-notes");
    WorkflowClient.start(
        handoff::run,
        HandoffFixtures.request(
            "replay-media-notes",
            Instant.ofEpochMilli(env.currentTimeMillis()),
            new MediaItem("m-bad", "application/pdf", 900L, "invoice.pdf", null),
            new MediaItem("m-ok", "image/jpeg", 2048L, "photo.jpg", null)),
        null);
    HandoffWorkflowTest.awaitStatus(
        handoff, s -> s.media().size() == 2 && s.media().get(0).auditEventId() != null);
    handoff.close(null);
    assertThat(WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class).outcome())
        .isEqualTo(Phase.Closed);
    WorkflowExecutionHistory history =
        env.getWorkflowClient().fetchHistory(HandoffIds.workflowId("replay-media-notes"));
    Files.writeString(HISTORIES.resolve("media-notes-v2.json"), history.toJson(true));
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

  @Test
  @EnabledIfSystemProperty(named = "handoff.recordHistories", matches = "true")
  void recordEncryptedHappyPath(TestWorkflowEnvironment env, Worker worker) throws IOException {
    new HandoffFixtures().register(worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.stub(env, worker, "replay-encrypted");
    WorkflowClient.start(
        handoff::run,
        HandoffFixtures.request("replay-encrypted", Instant.ofEpochMilli(env.currentTimeMillis())),
        null);
    HandoffWorkflowTest.awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
    handoff.close(new CloseRequest("conversation ended"));
    WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class);
    WorkflowExecutionHistory history =
        env.getWorkflowClient().fetchHistory(HandoffIds.workflowId("replay-encrypted"));
    Files.writeString(HISTORIES.resolve(ENCRYPTED), history.toJson(true));
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
