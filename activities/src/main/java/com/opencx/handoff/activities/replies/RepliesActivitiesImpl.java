package com.opencx.handoff.activities.replies;

import com.opencx.handoff.activities.directline.Channels;
import com.opencx.handoff.activities.directline.DirectLineClient;
import com.opencx.handoff.activities.directline.DirectLinePoster;
import com.opencx.handoff.activities.opencx.AgentMessage;
import com.opencx.handoff.activities.opencx.MessageTemplate;
import com.opencx.handoff.activities.opencx.OpenCxClient;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.activities.RepliesActivities;
import com.opencx.handoff.workflows.model.RepActivity;
import com.opencx.handoff.workflows.relay.ReplyRelayWorkflow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rep's side of a Direct Line handoff against OpenCX, Direct Line and the relay's shard
 * workflows. A message goes to OpenCX under the Direct Line activity id (OpenCX answers 200 for a
 * repeat), so a retried delivery never reaches the customer twice; a file the rep sent is fetched
 * from Direct Line and stored at OpenCX first (a retry may store it again: an unreferenced copy,
 * never a second message). Outcomes the rep must hear of (the window closed, a template refused)
 * are returned, not thrown. Each delivery records the relay lag ({@link #RELAY_LAG}): from the
 * rep's activity timestamp to OpenCX accepting it.
 */
public final class RepliesActivitiesImpl implements RepliesActivities {

  private final OpenCxClient openCx;
  private final DirectLineClient directLine;
  private final DirectLinePoster poster;
  private final Channels channels;
  private final WorkflowClient temporal;
  private final String taskQueue;
  private final String shardPrefix;
  private final Timer relayLag;

  /** Timer: from the rep's activity timestamp to its delivery to OpenCX. */
  public static final String RELAY_LAG = "handoff.relay.lag";

  /** With metrics of their own, which nothing reads (tests, tools). */
  public RepliesActivitiesImpl(
      OpenCxClient openCx,
      DirectLineClient directLine,
      Channels channels,
      WorkflowClient temporal,
      String taskQueue,
      String shardPrefix) {
    this(openCx, directLine, channels, temporal, taskQueue, shardPrefix, new SimpleMeterRegistry());
  }

  /** The relay lag goes to {@code registry}. */
  public RepliesActivitiesImpl(
      OpenCxClient openCx,
      DirectLineClient directLine,
      Channels channels,
      WorkflowClient temporal,
      String taskQueue,
      String shardPrefix,
      MeterRegistry registry) {
    this.relayLag =
        Timer.builder(RELAY_LAG)
            .description("From the rep's activity timestamp to its delivery to OpenCX")
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(registry);
    this.openCx = openCx;
    this.directLine = directLine;
    this.poster = new DirectLinePoster(directLine);
    this.channels = channels;
    this.temporal = temporal;
    this.taskQueue = taskQueue;
    this.shardPrefix = shardPrefix;
  }

  @Override
  public void watchReplies(WatchReplies input) {
    ReplyRelayWorkflow shard =
        temporal.newWorkflowStub(
            ReplyRelayWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(ReplyRelayWorkflow.workflowId(shardPrefix, input.sessionId()))
                .setTaskQueue(taskQueue)
                .build());
    BatchRequest request = temporal.newSignalWithStartRequest();
    request.add(shard::run, new ReplyRelayWorkflow.Members(List.of()));
    request.add(
        shard::watch,
        new ReplyRelayWorkflow.Member(
            input.sessionId(),
            input.workflowId(),
            input.conversationId(),
            input.workstreamId(),
            null));
    temporal.signalWithStart(request);
  }

  @Override
  public void unwatchReplies(WatchReplies input) {
    try {
      temporal
          .newWorkflowStub(
              ReplyRelayWorkflow.class,
              ReplyRelayWorkflow.workflowId(shardPrefix, input.sessionId()))
          .unwatch(input.conversationId());
    } catch (WorkflowNotFoundException shardNotRunning) {
      // nothing reads it
    }
  }

  @Override
  public Delivery deliverToCustomer(RepMessage input) {
    RepActivity activity = input.activity();
    com.opencx.handoff.activities.opencx.TemplateCall template = null;
    if (input.template() != null) {
      Optional<MessageTemplate> known =
          openCx.templates().stream()
              .filter(t -> t.name().equals(input.template().name()))
              .findFirst();
      if (known.isEmpty()) {
        return refused("there is no approved template named '" + input.template().name() + "'");
      }
      if (known.get().parameters() != input.template().parameters().size()) {
        return refused(
            "template '"
                + known.get().name()
                + "' takes "
                + known.get().parameters()
                + " parameter(s), "
                + input.template().parameters().size()
                + " given");
      }
      template =
          new com.opencx.handoff.activities.opencx.TemplateCall(
              known.get().name(), known.get().language(), input.template().parameters());
    }
    List<String> mediaIds = new ArrayList<>();
    for (RepActivity.Attachment file : activity.attachments()) {
      DirectLineClient.Download bytes =
          directLine.download(channels.secretFor(input.workstreamId()), file.contentUrl());
      String type = file.contentType() != null ? file.contentType() : bytes.contentType();
      mediaIds.add(openCx.uploadAgentMedia(input.sessionId(), bytes.bytes(), type, file.name()));
    }
    String text =
        template != null || activity.text() == null || activity.text().isBlank()
            ? null
            : activity.text();
    try {
      openCx.sendAgentMessage(
          input.sessionId(),
          new AgentMessage(
              activity.id(), activity.sentAt(), activity.agentName(), text, template, mediaIds));
      if (activity.sentAt() != null) {
        Duration lag = Duration.between(activity.sentAt(), Instant.now());
        relayLag.record(lag.isNegative() ? Duration.ZERO : lag); // the rep's clock may run ahead
      }
      return new Delivery(Delivery.Outcome.Delivered, null);
    } catch (ApplicationFailure failure) {
      if (FailureTypes.OPENCX_WINDOW_CLOSED.equals(failure.getType())) {
        return new Delivery(Delivery.Outcome.WindowClosed, closedAt(failure));
      }
      throw failure;
    }
  }

  @Override
  public void tellRep(RepNotice input) {
    String text =
        input.listTemplates()
            ? RepNotices.withTemplates(input.text(), openCx.templates())
            : input.text();
    poster.postOnce(
        channels.secretFor(input.workstreamId()),
        input.conversationId(),
        input.noticeId(),
        RepNotices.activity(input.noticeId(), text));
  }

  @Override
  public void handoffEnded(HandoffEnded input) {
    openCx.handoffEnded(input.sessionId(), input.reason(), input.workflowId(), input.endedAt());
  }

  private static Delivery refused(String why) {
    return new Delivery(Delivery.Outcome.Refused, why);
  }

  private static String closedAt(ApplicationFailure failure) {
    try {
      return failure.getDetails().get(String.class);
    } catch (RuntimeException none) {
      return null;
    }
  }
}
