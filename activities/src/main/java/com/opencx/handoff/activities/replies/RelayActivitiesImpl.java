package com.opencx.handoff.activities.replies;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.activities.directline.Channels;
import com.opencx.handoff.activities.directline.DirectLineClient;
import com.opencx.handoff.workflows.HandoffWorkflow;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.model.RelayHealth;
import com.opencx.handoff.workflows.model.RepActivity;
import com.opencx.handoff.workflows.relay.RelayActivities;
import com.opencx.handoff.workflows.relay.ReplyRelayWorkflow;
import com.opencx.handoff.workflows.relay.ReplyRelayWorkflow.Member;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reader turn of a relay shard: each conversation is read from its watermark ({@code GET
 * …/activities}), every activity from the rep's side (from.id = the bot handle; the customer's
 * echoes and our notices are skipped) is signalled to its handoff in order, and only then does the
 * watermark move on and go into the heartbeat. A turn that dies (worker killed) is retried from the
 * last heartbeat's watermarks, so nothing is lost; what it signals again the handoff ignores by
 * activity id. A conversation that saw an activity within {@code hotFor} is hot: it is read from
 * its WebSocket stream ({@link Streams}), or by {@code GET} every {@code hotEvery} while no stream
 * can be had; an idle one by {@code GET} every {@code idleEvery}, its socket closed. A failing read
 * backs off to {@code idleEvery}. A conversation whose handoff ended, or that Direct Line no longer
 * knows, is dropped from the shard.
 */
public final class RelayActivitiesImpl implements RelayActivities {

  private static final Logger LOG = LoggerFactory.getLogger(RelayActivitiesImpl.class);

  private final DirectLineClient directLine;
  private final Channels channels;
  private final WorkflowClient temporal;
  private final RelaySettings settings;
  private final LongSupplier nanoTime;

  public RelayActivitiesImpl(
      DirectLineClient directLine,
      Channels channels,
      WorkflowClient temporal,
      RelaySettings settings) {
    this(directLine, channels, temporal, settings, System::nanoTime);
  }

  RelayActivitiesImpl(
      DirectLineClient directLine,
      Channels channels,
      WorkflowClient temporal,
      RelaySettings settings,
      LongSupplier nanoTime) {
    this.directLine = directLine;
    this.channels = channels;
    this.temporal = temporal;
    this.settings = settings;
    this.nanoTime = nanoTime;
  }

  /** A conversation as this turn reads it. */
  private static final class Reading {
    Member member;
    long dueAt;
    long hotUntil;
    long streamAfter;
    long failingSince;
    boolean troubleTold;

    Reading(Member member, long now) {
      this.member = member;
      this.dueAt = now;
    }
  }

  @Override
  public Progress relayShard(Turn turn) {
    try (Streams streams = new Streams()) {
      return relay(turn, streams);
    }
  }

  private Progress relay(Turn turn, Streams streams) {
    long now = nanoTime.getAsLong();
    long endAt = now + settings.turn().toNanos();
    Map<String, String> resumed = heartbeatWatermarks();
    Map<String, Reading> readings = new LinkedHashMap<>();
    follow(turn.members().conversations(), readings, resumed, now);
    long membershipAt = now + settings.membershipEvery().toNanos();
    while ((now = nanoTime.getAsLong()) < endAt) {
      if (now >= membershipAt) {
        refreshMembers(turn, readings, now);
        membershipAt = nanoTime.getAsLong() + settings.membershipEvery().toNanos();
      }
      for (Streams.Event event : streams.drain()) {
        Reading reading = readings.get(event.conversationId());
        if (reading == null) {
          continue;
        }
        if (event.closed()) {
          reading.dueAt = now; // read by GET until the stream is open again
          reading.streamAfter = now + settings.idleEvery().toNanos();
        } else if (!deliver(turn, reading, event.activitySet(), now)) {
          drop(readings, streams, reading);
        }
      }
      long next = membershipAt;
      for (Reading reading : new ArrayList<>(readings.values())) {
        String id = reading.member.conversationId();
        boolean hot = now < reading.hotUntil;
        if (!hot && streams.isOpen(id)) {
          streams.close(id);
          reading.dueAt = now;
        }
        if (hot && settings.stream() && !streams.isOpen(id) && now >= reading.streamAfter) {
          stream(reading, streams, now);
        }
        if (!streams.isOpen(id) && reading.dueAt <= now && !read(turn, reading, now)) {
          drop(readings, streams, reading);
          continue;
        }
        next = Math.min(next, streams.isOpen(id) ? reading.hotUntil : reading.dueAt);
      }
      if (!heartbeat(watermarks(readings))) {
        break; // cancelled or timed out: the retry resumes from the last heartbeat
      }
      sleepNanos(Math.max(20_000_000L, Math.min(next, endAt) - nanoTime.getAsLong()));
    }
    return new Progress(watermarks(readings));
  }

  /** Opens a hot conversation's stream from its watermark; on failure, GET for a while. */
  private void stream(Reading reading, Streams streams, long now) {
    Member member = reading.member;
    try {
      String url =
          directLine
              .reconnect(
                  channels.secretFor(member.workstreamId()),
                  member.conversationId(),
                  member.watermark())
              .streamUrl();
      if (streams.open(member.conversationId(), url)) {
        return;
      }
    } catch (ApplicationFailure failure) {
      LOG.info("relay: no stream for {} ({})", member.conversationId(), failure.getType());
    }
    reading.streamAfter = now + settings.idleEvery().toNanos();
  }

  private void drop(Map<String, Reading> readings, Streams streams, Reading reading) {
    readings.remove(reading.member.conversationId());
    streams.close(reading.member.conversationId());
  }

  /** Reads one page by GET; false when the conversation is to be dropped from the shard. */
  private boolean read(Turn turn, Reading reading, long now) {
    Member member = reading.member;
    DirectLineClient.ActivityPage page;
    try {
      page =
          directLine.activities(
              channels.secretFor(member.workstreamId()),
              member.conversationId(),
              member.watermark());
    } catch (ApplicationFailure failure) {
      if (FailureTypes.DIRECT_LINE_REJECTED.equals(failure.getType())) {
        LOG.warn("relay: dropping conversation {}: {}", member.conversationId(), failure.getType());
        unwatch(turn, member);
        return false;
      }
      LOG.info(
          "relay: reading {} failed ({}); retrying", member.conversationId(), failure.getType());
      reading.dueAt = now + settings.idleEvery().toNanos();
      failing(reading, failure.getType(), now);
      return true;
    }
    if (reading.troubleTold) {
      tell(member, RelayHealth.healthy());
    }
    reading.failingSince = 0;
    reading.troubleTold = false;
    if (!signalAll(turn, member, page.activities())) {
      return false;
    }
    reading.member = member.withWatermark(page.watermark());
    if (!page.activities().isEmpty()) {
      reading.hotUntil = now + settings.hotFor().toNanos();
      reading.dueAt = now; // there may be more pages
    } else {
      reading.dueAt =
          now + (now < reading.hotUntil ? settings.hotEvery() : settings.idleEvery()).toNanos();
    }
    return true;
  }

  /** A failure outlasting {@code troubleAfter} is told to the handoff, once per outage. */
  private void failing(Reading reading, String errorType, long now) {
    if (reading.failingSince == 0) {
      reading.failingSince = now;
    }
    long failingFor = now - reading.failingSince;
    if (!reading.troubleTold && failingFor >= settings.troubleAfter().toNanos()) {
      Instant since = Instant.now().minusNanos(failingFor);
      reading.troubleTold = tell(reading.member, new RelayHealth(errorType, since));
    }
  }

  private boolean tell(Member member, RelayHealth health) {
    try {
      temporal.newWorkflowStub(HandoffWorkflow.class, member.workflowId()).relayHealth(health);
      return true;
    } catch (RuntimeException notNow) {
      return false;
    }
  }

  /** A streamed activity set (directline.md §5): signalled in order, then its watermark kept. */
  private boolean deliver(Turn turn, Reading reading, JsonNode activitySet, long now) {
    List<JsonNode> activities = new ArrayList<>();
    activitySet.path("activities").forEach(activities::add);
    if (!signalAll(turn, reading.member, activities)) {
      return false;
    }
    String watermark = activitySet.path("watermark").asText(null);
    if (watermark != null && !watermark.isEmpty()) {
      reading.member = reading.member.withWatermark(watermark);
    }
    if (!activities.isEmpty()) {
      reading.hotUntil = now + settings.hotFor().toNanos();
    }
    return true;
  }

  /** False when the handoff no longer runs: the conversation is then dropped. */
  private boolean signalAll(Turn turn, Member member, List<JsonNode> activities) {
    for (JsonNode activity : activities) {
      Optional<RepActivity> rep = repActivity(activity);
      if (rep.isPresent() && !signal(member, rep.get())) {
        unwatch(turn, member);
        return false;
      }
    }
    return true;
  }

  /** The rep's message or end, or empty for anything else (ours, the customer's, typing…). */
  Optional<RepActivity> repActivity(JsonNode activity) {
    String type = activity.path("type").asText("");
    if (!settings.botHandle().equals(activity.path("from").path("id").asText(null))
        || !(type.equals(RepActivity.MESSAGE) || type.equals(RepActivity.END_OF_CONVERSATION))) {
      return Optional.empty();
    }
    List<RepActivity.Attachment> files = new ArrayList<>();
    for (JsonNode file : activity.path("attachments")) {
      files.add(
          new RepActivity.Attachment(
              file.path("name").asText(null),
              file.path("contentType").asText(null),
              file.path("contentUrl").asText(null)));
    }
    Instant sentAt;
    try {
      sentAt = Instant.parse(activity.path("timestamp").asText(""));
    } catch (RuntimeException unreadable) {
      sentAt = Instant.now();
    }
    return Optional.of(
        new RepActivity(
            activity.path("id").asText(null),
            type,
            activity.path("from").path("name").asText(null),
            activity.path("text").asText(null),
            files,
            sentAt));
  }

  /** False when the handoff no longer runs (its relay is then dropped). */
  private boolean signal(Member member, RepActivity activity) {
    try {
      temporal.newWorkflowStub(HandoffWorkflow.class, member.workflowId()).repActivity(activity);
      return true;
    } catch (WorkflowNotFoundException ended) {
      return false;
    }
  }

  private void follow(
      List<Member> current, Map<String, Reading> readings, Map<String, String> resumed, long now) {
    Map<String, Member> byId = new HashMap<>();
    current.forEach(m -> byId.put(m.conversationId(), m));
    readings.keySet().retainAll(byId.keySet());
    for (Member member : current) {
      if (!readings.containsKey(member.conversationId())) {
        String watermark = resumed.getOrDefault(member.conversationId(), member.watermark());
        readings.put(member.conversationId(), new Reading(member.withWatermark(watermark), now));
      }
    }
  }

  /** The shard's members now; when it cannot say, the turn goes on with those it has. */
  private void refreshMembers(Turn turn, Map<String, Reading> readings, long now) {
    try {
      follow(shard(turn).members().conversations(), readings, Map.of(), now);
    } catch (RuntimeException unanswered) {
      LOG.info("relay: shard {} did not answer its members query", turn.shardWorkflowId());
    }
  }

  private ReplyRelayWorkflow shard(Turn turn) {
    return temporal.newWorkflowStub(ReplyRelayWorkflow.class, turn.shardWorkflowId());
  }

  private void unwatch(Turn turn, Member member) {
    try {
      shard(turn).unwatch(member.conversationId());
    } catch (RuntimeException notNow) {
      LOG.info("relay: could not drop {} from its shard", member.conversationId());
    }
  }

  private static Map<String, String> watermarks(Map<String, Reading> readings) {
    Map<String, String> out = new HashMap<>();
    readings.forEach(
        (id, r) -> {
          if (r.member.watermark() != null) {
            out.put(id, r.member.watermark());
          }
        });
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> heartbeatWatermarks() {
    try {
      return Activity.getExecutionContext()
          .getHeartbeatDetails(Map.class)
          .map(m -> (Map<String, String>) m)
          .orElse(Map.of());
    } catch (IllegalStateException notInAnActivity) {
      return Map.of();
    }
  }

  private static boolean heartbeat(Map<String, String> watermarks) {
    try {
      Activity.getExecutionContext().heartbeat(watermarks);
      return true;
    } catch (ActivityCompletionException cancelled) {
      return false;
    } catch (IllegalStateException notInAnActivity) {
      return true;
    }
  }

  private static void sleepNanos(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while relaying", e);
    }
  }
}
