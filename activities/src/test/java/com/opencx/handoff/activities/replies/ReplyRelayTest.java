package com.opencx.handoff.activities.replies;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.activities.directline.Channels;
import com.opencx.handoff.activities.directline.DirectLineClient;
import com.opencx.handoff.activities.directline.DirectLineSettings;
import com.opencx.handoff.emulators.DemoData;
import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.emulators.directline.Channel;
import com.opencx.handoff.emulators.directline.DirectLineEmulator;
import com.opencx.handoff.emulators.http.Fault;
import com.opencx.handoff.workflows.HandoffWorkflow;
import com.opencx.handoff.workflows.activities.RepliesActivities.WatchReplies;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.RepActivity;
import com.opencx.handoff.workflows.relay.ReplyRelayWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reply relay on Temporal's test server against the Direct Line emulator, with stand-in
 * handoffs that record what they are signalled: the rep's messages arrive in order and the
 * customer's own (echoed by Direct Line) and our notices never; a Direct Line outage is retried,
 * and one that outlasts {@code trouble-after} is told to the handoff and its end too; a worker
 * killed mid-turn hands the shard to another worker, which resumes from the last heartbeat's
 * watermark, so no rep message is lost; one signalled again (heartbeats are throttled, so the last
 * one may predate it) the handoff ignores by its activity id, as OpenCX does by message id.
 */
class ReplyRelayTest {

  private static final String SECRET = "relay-secret";
  private static final String BOT = "omnichannel-bot";
  private static final String QUEUE = HandoffWorkflow.TASK_QUEUE;

  private static final String WORKSTREAM = DemoData.WORKSTREAM_ID;

  private final DataverseEmulator dataverse = DataverseEmulator.start(0, "dataverse-token");
  private final DirectLineEmulator directLine =
      DirectLineEmulator.start(0, 0, "control", dataverse, new Channel(SECRET, WORKSTREAM, BOT));
  private final DirectLineClient client =
      new DirectLineClient(DirectLineSettings.of(directLine.baseUrl()));
  private final Channels channels = new Channels(Map.of(WORKSTREAM.toLowerCase(), SECRET));
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final RelaySettings settings =
      new RelaySettings(
          BOT,
          Duration.ofMillis(100),
          Duration.ofMillis(300),
          Duration.ofMinutes(1),
          Duration.ofSeconds(3),
          Duration.ofMillis(200),
          true,
          Duration.ofSeconds(1));

  @AfterEach
  void stop() {
    if (workflows != null) {
      workflows.shutdownNow();
    }
    env.close();
    directLine.close();
    dataverse.close();
  }

  /**
   * The workflows (shards, stand-in handoffs) run on a worker of their own that is never killed:
   * the test server does not move a cached workflow off a dead worker as a real server does.
   */
  private WorkerFactory workflows;

  private WorkerFactory startWorker() {
    return startWorker(settings);
  }

  private WorkerFactory startWorker(RelaySettings settings) {
    if (workflows == null) {
      workflows = WorkerFactory.newInstance(env.getWorkflowClient());
      workflows
          .newWorker(QUEUE)
          .registerWorkflowImplementationTypes(
              ReplyRelayWorkflowImpl.class, RecordingHandoff.class);
      workflows.start();
    }
    WorkerFactory factory = WorkerFactory.newInstance(env.getWorkflowClient());
    Worker worker = factory.newWorker(QUEUE);
    worker.registerActivitiesImplementations(
        new RelayActivitiesImpl(client, channels, env.getWorkflowClient(), settings));
    factory.start();
    return factory;
  }

  /** A stand-in handoff running, its Direct Line conversation started, and the relay told. */
  private String handoffWatching(String sessionId, String conversation) {
    String workflowId = "whatsapp-handoff-" + sessionId;
    WorkflowClient temporal = env.getWorkflowClient();
    HandoffWorkflow handoff =
        temporal.newWorkflowStub(
            HandoffWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(QUEUE).build());
    WorkflowClient.start(handoff::run, (HandoffRequest) null, null);
    new RepliesActivitiesImpl(null, client, channels, temporal, QUEUE, "directline-relay-")
        .watchReplies(new WatchReplies(sessionId, workflowId, conversation, WORKSTREAM));
    return workflowId;
  }

  private static List<String> texts(String workflowId) {
    return RecordingHandoff.received(workflowId).stream()
        .map(a -> a.ends() ? "<end>" : a.text() != null ? a.text() : "<file>")
        .toList();
  }

  private static void await(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.get() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(condition.get()).as("within 20 s").isTrue();
  }

  @Test
  void theRepsMessagesArriveInOrderAndNothingOfOursIsRelayed() throws Exception {
    WorkerFactory worker = startWorker();
    String conversation = client.startConversation(SECRET).conversationId();
    client.post(
        SECRET,
        conversation,
        com.opencx.handoff.activities.directline.ActivityBuilder.later("s1", "Ana", "wamid-1", "hi")
            .get(0));
    client.post(SECRET, conversation, RepNotices.activity("s1:notice:x", "a notice"));
    directLine.repReply(conversation, "Hello, I am Sam.");
    String workflowId = handoffWatching("s1", conversation);
    directLine.repReply(conversation, "Let me check your order.");
    directLine.repSendAttachment(conversation, "label.pdf", "application/pdf", new byte[10], null);
    directLine.repEnd(conversation);

    await(() -> texts(workflowId).size() >= 4);
    assertThat(texts(workflowId))
        .containsExactly("Hello, I am Sam.", "Let me check your order.", "<file>", "<end>");
    RepActivity file = RecordingHandoff.received(workflowId).get(2);
    assertThat(file.attachments())
        .singleElement()
        .satisfies(a -> assertThat(a.name()).isEqualTo("label.pdf"));
    assertThat(RecordingHandoff.received(workflowId).get(0).agentName()).isNotBlank();
    worker.shutdownNow();
  }

  @Test
  void aDirectLineOutageIsRetriedAndNothingIsLost() throws Exception {
    WorkerFactory worker = startWorker();
    String conversation = client.startConversation(SECRET).conversationId();
    directLine.injectFault(Fault.status("GET", "/activities", 502, 8)); // ~2.4 s at idle-every
    String workflowId = handoffWatching("s2", conversation);
    directLine.repReply(conversation, "first");
    directLine.repReply(conversation, "second");

    await(() -> texts(workflowId).size() >= 2);
    assertThat(texts(workflowId)).containsExactly("first", "second");
    // longer than trouble-after (1 s): the handoff was told, then told it reads again
    assertThat(RecordingHandoff.health(workflowId))
        .extracting(h -> h.errorType())
        .containsExactly("DirectLineUnavailable", null);
    worker.shutdownNow();
  }

  @Test
  void aKilledWorkersShardMovesOnAndResumesFromItsWatermark() throws Exception {
    WorkerFactory first = startWorker();
    String conversation = client.startConversation(SECRET).conversationId();
    String workflowId = handoffWatching("s3", conversation);
    directLine.repReply(conversation, "before the kill");
    await(() -> texts(workflowId).contains("before the kill"));
    Thread.sleep(500); // a heartbeat with the new watermark goes out

    first.shutdownNow(); // the worker dies mid-turn: no completion, no more heartbeats
    first.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    directLine.repReply(conversation, "while it was down");
    WorkerFactory second = startWorker();
    env.sleep(Duration.ofSeconds(40)); // the heartbeat timeout passes: the turn is retried

    await(() -> texts(workflowId).contains("while it was down"));
    List<String> distinct = texts(workflowId).stream().distinct().toList();
    assertThat(distinct).containsExactly("before the kill", "while it was down");
    second.shutdownNow();
  }

  @Test
  void aHotConversationIsReadFromItsStreamWithoutPolling() throws Exception {
    RelaySettings slowPolls =
        new RelaySettings(
            BOT,
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            Duration.ofSeconds(20),
            Duration.ofMillis(200),
            true,
            Duration.ofMinutes(1));
    WorkerFactory worker = startWorker(slowPolls);
    String conversation = client.startConversation(SECRET).conversationId();
    directLine.repReply(conversation, "first, read by GET");
    String workflowId = handoffWatching("s4", conversation);
    await(() -> texts(workflowId).size() == 1);
    await(() -> directLine.isStreaming(conversation)); // hot now: its stream is opened
    String gets = "/v3/directline/conversations/" + conversation + "/activities";
    long before = directLine.requestCount("GET", gets);

    directLine.repReply(conversation, "second, pushed");
    directLine.repReply(conversation, "third, pushed");

    await(() -> texts(workflowId).size() == 3); // long before the next 30 s poll
    assertThat(texts(workflowId))
        .containsExactly("first, read by GET", "second, pushed", "third, pushed");
    assertThat(directLine.requestCount("GET", gets)).isEqualTo(before);
    worker.shutdownNow();
  }

  @Test
  void aDroppedStreamLosesNothingAndRepeatsNothing() throws Exception {
    WorkerFactory worker = startWorker();
    String conversation = client.startConversation(SECRET).conversationId();
    directLine.repReply(conversation, "one");
    String workflowId = handoffWatching("s5", conversation);
    await(() -> directLine.isStreaming(conversation));

    directLine.dropStream(conversation, "server going away");
    directLine.repReply(conversation, "two"); // while no socket is open
    directLine.repReply(conversation, "three");

    await(() -> texts(workflowId).size() >= 3);
    Thread.sleep(500); // a duplicate from the reopened stream would follow
    assertThat(texts(workflowId)).containsExactly("one", "two", "three");
    worker.shutdownNow();
  }
}
