package com.opencx.handoff.workflows.relay;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shard's loop: while it has conversations, run one reader turn, record the watermarks it
 * reached, repeat; continue-as-new every {@link #TURNS_PER_RUN} turns with the members carried, so
 * the history stays short (a turn is three events). Membership signals arrive any time; the running
 * reader sees them by querying {@link #members()}.
 */
public class ReplyRelayWorkflowImpl implements ReplyRelayWorkflow {

  static final int TURNS_PER_RUN = 100;

  /**
   * A turn reads for {@code relay.turn} (10 min by default) and must heartbeat every 30 s; a dead
   * worker's turn moves to another after that. Retries never stop: the relay must not give up on a
   * Direct Line outage (the handoffs surface a lasting one themselves).
   */
  static final ActivityOptions TURN =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(20))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .setSummary("Read the rep's side of this shard's conversations")
          .build();

  private final Map<String, Member> members = new LinkedHashMap<>();

  @Override
  public void run(Members carried) {
    if (carried != null) {
      carried.conversations().forEach(m -> members.put(m.conversationId(), m));
    }
    RelayActivities reader = Workflow.newActivityStub(RelayActivities.class, TURN);
    for (int turn = 0; turn < TURNS_PER_RUN; turn++) {
      Workflow.await(() -> !members.isEmpty());
      RelayActivities.Progress progress =
          reader.relayShard(
              new RelayActivities.Turn(Workflow.getInfo().getWorkflowId(), members()));
      progress
          .watermarks()
          .forEach(
              (id, watermark) ->
                  members.computeIfPresent(id, (k, m) -> m.withWatermark(watermark)));
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(members());
  }

  @Override
  public void watch(Member member) {
    if (member != null && member.conversationId() != null) {
      members.putIfAbsent(member.conversationId(), member);
    }
  }

  @Override
  public void unwatch(String conversationId) {
    members.remove(conversationId);
  }

  @Override
  public Members members() {
    return new Members(new ArrayList<>(members.values()));
  }
}
