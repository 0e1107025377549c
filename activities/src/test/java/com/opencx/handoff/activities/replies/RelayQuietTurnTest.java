package com.opencx.handoff.activities.replies;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.activities.directline.Channels;
import com.opencx.handoff.activities.directline.DirectLineClient;
import com.opencx.handoff.activities.directline.DirectLineSettings;
import com.opencx.handoff.emulators.DemoData;
import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.emulators.directline.Channel;
import com.opencx.handoff.emulators.directline.DirectLineEmulator;
import com.opencx.handoff.workflows.HandoffWorkflow;
import com.opencx.handoff.workflows.activities.RepliesActivities.WatchReplies;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.relay.ReplyRelayWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A quiet turn still heartbeats within its 30 s heartbeat timeout when the settings let it wait
 * longer: with {@code membership-every} and {@code idle-every} at 45 s (both within their allowed
 * ranges) and one idle conversation, nothing is due for 45 s after the first read. A turn that
 * waited that long without a heartbeat was timed out by Temporal at 30 s and retried while the
 * first attempt still ran, which showed as a second read of the conversation about 31 s in; now the
 * only read in the first 40 s is the first one. (Real time: the test takes about 40 s.)
 */
class RelayQuietTurnTest {

  private static final String SECRET = "relay-secret";
  private static final String BOT = "omnichannel-bot";
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
          Duration.ofSeconds(45),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofSeconds(45),
          true,
          Duration.ofMinutes(10));
  private WorkerFactory factory;

  @AfterEach
  void stop() {
    if (factory != null) {
      factory.shutdownNow();
    }
    env.close();
    directLine.close();
    dataverse.close();
  }

  @Test
  void aTurnWithNothingDueForLongerThanItsHeartbeatTimeoutIsNotTimedOut() throws Exception {
    WorkflowClient temporal = env.getWorkflowClient();
    factory = WorkerFactory.newInstance(temporal);
    Worker worker = factory.newWorker(HandoffWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        ReplyRelayWorkflowImpl.class, RecordingHandoff.class);
    worker.registerActivitiesImplementations(
        new RelayActivitiesImpl(client, channels, temporal, settings));
    factory.start();
    String conversation = client.startConversation(SECRET).conversationId();
    String workflowId = "whatsapp-handoff-quiet-1";
    WorkflowClient.start(
        temporal.newWorkflowStub(
                HandoffWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(workflowId)
                    .setTaskQueue(HandoffWorkflow.TASK_QUEUE)
                    .build())
            ::run,
        (HandoffRequest) null,
        null);
    new RepliesActivitiesImpl(
            null, client, channels, temporal, HandoffWorkflow.TASK_QUEUE, "directline-relay-")
        .watchReplies(new WatchReplies("quiet-1", workflowId, conversation, WORKSTREAM));
    String reads = "/v3/directline/conversations/" + conversation + "/activities";
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (directLine.requestCount("GET", reads) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(directLine.requestCount("GET", reads)).as("the turn's first read").isEqualTo(1);

    Thread.sleep(Duration.ofSeconds(38).toMillis()); // past the 30 s heartbeat timeout

    assertThat(directLine.requestCount("GET", reads))
        .as("no retried turn read it again before its next read was due (45 s)")
        .isEqualTo(1);
  }
}
