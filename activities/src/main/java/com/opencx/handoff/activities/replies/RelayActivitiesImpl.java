package com.opencx.handoff.activities.replies;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.activities.directline.Channels;
import com.opencx.handoff.activities.directline.DirectLineClient;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.model.RelayHealth;
import com.opencx.handoff.workflows.model.RepActivity;
import com.opencx.handoff.workflows.relay.RelayActivities;
import com.opencx.handoff.workflows.relay.ReplyRelayWorkflow.Member;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import java.net.http.HttpClient;
import java.time.Duration;
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

  /**
   * Longest wait between two heartbeats: well inside the turn's 30 s heartbeat timeout whatever the
   * settings (membership-every and idle-every may each be longer), so a quiet turn is never timed
   * out and run twice.
   */
  static final long HEARTBEAT_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

  private final DirectLineClient directLine;
  private final Channels channels;
  private final RelaySettings settings;
  private final LongSupplier nanoTime;
  private final HttpClient sockets = Streams.newClient();
  private final TurnTemporal handoffs;

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
    this.settings = settings;
    this.nanoTime = nanoTime;
    this.handoffs = new TurnTemporal(temporal);
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
    try (Streams streams = new Streams(sockets)) {
      return relay(turn, streams);
    }
  }

  private Progress relay(Turn turn, Streams streams) {
    long now = nanoTime.getAsLong();
    long endAt = now + settings.turn().toNanos();
    Map<String, String> resumed = TurnTemporal.heartbeatWatermarks();
    Map<String, Reading> readings = new LinkedHashMap<>();
    follow(turn.members().conversations(), readings, resumed, now);
    long membershipAt = now + settings.membershipEvery().toNanos();
    List<Streams.Event> pushed = List.of();
    while ((now = nanoTime.getAsLong()) < endAt) {
      if (now >= membershipAt) {
        refreshMembers(turn, readings, now);
        membershipAt = nanoTime.getAsLong() + settings.membershipEvery().toNanos();
      }
      for (Streams.Event event : pushed) {
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
      if (!TurnTemporal.heartbeat(watermarks(readings))) {
        break; // cancelled or timed out: the retry resumes from the last heartbeat
      }
      long wakeAt = Math.min(Math.min(next, endAt), nanoTime.getAsLong() + HEARTBEAT_EVERY_NANOS);
      pushed = waitFor(streams, wakeAt - nanoTime.getAsLong());
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
      if (unknownConversation(failure)) {
        LOG.warn(
            "relay: dropping conversation {}: Direct Line no longer knows it",
            member.conversationId());
        handoffs.unwatch(turn.shardWorkflowId(), member.conversationId());
        return false;
      }
      LOG.info(
          "relay: reading {} failed ({}); retrying", member.conversationId(), failure.getType());
      reading.dueAt = now + settings.idleEvery().toNanos();
      failing(reading, failure.getType(), now);
      return true;
    }
    if (reading.troubleTold) {
      handoffs.tell(member.workflowId(), RelayHealth.healthy());
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

  /**
   * Direct Line's 404: the conversation expired (retention, directline.md §5) or never existed
   * here; any other refusal (a wrong secret: 401/403) is a failure to surface, not a reason to
   * forget it.
   */
  private static boolean unknownConversation(ApplicationFailure failure) {
    if (!FailureTypes.DIRECT_LINE_REJECTED.equals(failure.getType())) {
      return false;
    }
    try {
      return Integer.valueOf(404).equals(failure.getDetails().get(Integer.class));
    } catch (RuntimeException noStatus) {
      return false;
    }
  }

  /** A failure outlasting {@code troubleAfter} is told to the handoff, once per outage. */
  private void failing(Reading reading, String errorType, long now) {
    if (reading.failingSince == 0) {
      reading.failingSince = now;
    }
    long failingFor = now - reading.failingSince;
    if (!reading.troubleTold && failingFor >= settings.troubleAfter().toNanos()) {
      Instant since = Instant.now().minusNanos(failingFor);
      reading.troubleTold =
          handoffs.tell(reading.member.workflowId(), new RelayHealth(errorType, since));
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
      Optional<RepActivity> rep = RepActivities.read(settings.botHandle(), activity);
      if (rep.isPresent() && !handoffs.signal(member.workflowId(), rep.get())) {
        handoffs.unwatch(turn.shardWorkflowId(), member.conversationId());
        return false;
      }
    }
    return true;
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
      follow(handoffs.members(turn.shardWorkflowId()), readings, Map.of(), now);
    } catch (RuntimeException unanswered) {
      LOG.info("relay: shard {} did not answer its members query", turn.shardWorkflowId());
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

  /** Sleeps until the next read is due, woken at once by anything a stream pushes. */
  private static List<Streams.Event> waitFor(Streams streams, long nanos) {
    try {
      return streams.drain(Math.max(1_000_000L, nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while relaying", e);
    }
  }
}
