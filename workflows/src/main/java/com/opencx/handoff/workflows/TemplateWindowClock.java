package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.model.CarriedOver;
import com.opencx.handoff.workflows.model.ContactRule;
import com.opencx.handoff.workflows.model.HandoffPolicy;
import com.opencx.handoff.workflows.model.InboundMessage;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.MediaOutcome;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The WhatsApp 24-hour window as the workflow tracks it: {@code closesAt = lastInboundAt + 24h}
 * (the run's policy may shorten it, to rehearse), moved only forward by inbound messages (late or
 * repeated ones never move it back), plus what was last published to Dynamics so the watch knows
 * when Dynamics is out of date. Message ids already seen are remembered (bounded) so a redelivered
 * message is ignored across continue-as-new too.
 */
final class TemplateWindowClock {

  private Duration length = HandoffPolicy.WHATSAPP_WINDOW;
  static final int MAX_REMEMBERED_MESSAGE_IDS = 2_000;

  private Instant lastInboundAt;
  private final LinkedHashSet<String> seenMessageIds = new LinkedHashSet<>();
  private final List<MediaItem> pendingMedia = new ArrayList<>();
  private final List<InboundMessage> pendingMessages = new ArrayList<>();
  private final boolean mediaWithItsMessage;
  private boolean publishedOpen;
  private Instant publishedClosesAt;

  /**
   * @param mediaWithItsMessage version 5: a message's media is queued with its text, so the rep
   *     reads both in the order the customer sent them; before it, media had a queue of its own
   */
  TemplateWindowClock(Instant lastInboundAt, boolean mediaWithItsMessage) {
    this.mediaWithItsMessage = mediaWithItsMessage;
    this.lastInboundAt =
        lastInboundAt != null ? lastInboundAt : Instant.ofEpochMilli(Workflow.currentTimeMillis());
    this.publishedClosesAt = closesAt();
    this.publishedOpen = now().isBefore(publishedClosesAt);
  }

  /**
   * The run's policy sets the window's length (24 h unless shortened to rehearse); a fresh run's
   * first publication is then the closing time under that length.
   */
  void useLength(Duration runLength, boolean fresh) {
    length = runLength;
    if (fresh) {
      publishedClosesAt = closesAt();
      publishedOpen = now().isBefore(publishedClosesAt);
    }
  }

  void restore(CarriedOver carried) {
    lastInboundAt = carried.lastInboundAt();
    carried.seenMessageIds().forEach(this::remember);
    pendingMedia.addAll(carried.pendingMedia());
    pendingMessages.addAll(carried.pendingMessages());
    publishedOpen = carried.windowOpen();
    publishedClosesAt =
        carried.windowPublishedClosesAt() != null ? carried.windowPublishedClosesAt() : closesAt();
  }

  /** Returns false for a message already seen; otherwise records it and queues its media. */
  boolean accept(InboundMessage message) {
    if (message.messageId() == null || !remember(message.messageId())) {
      return false;
    }
    if (message.receivedAt() != null && message.receivedAt().isAfter(lastInboundAt)) {
      lastInboundAt = message.receivedAt();
    }
    boolean text = message.text() != null && !message.text().isBlank();
    if (mediaWithItsMessage) {
      if (text || !message.media().isEmpty()) {
        pendingMessages.add(message);
      }
      return true;
    }
    pendingMedia.addAll(message.media());
    if (text) {
      pendingMessages.add(
          new InboundMessage(message.messageId(), message.receivedAt(), message.text(), null));
    }
    return true;
  }

  private boolean remember(String messageId) {
    if (!seenMessageIds.add(messageId)) {
      return false;
    }
    if (seenMessageIds.size() > MAX_REMEMBERED_MESSAGE_IDS) {
      Iterator<String> oldest = seenMessageIds.iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  Instant lastInboundAt() {
    return lastInboundAt;
  }

  Instant closesAt() {
    return lastInboundAt.plus(length);
  }

  /** The window as last published (search attribute, Dynamics context item, status). */
  boolean isOpen() {
    return publishedOpen;
  }

  boolean isOpenNow() {
    return now().isBefore(closesAt());
  }

  /**
   * True when Dynamics shows a different open/closed state than now holds, or an open window's
   * closing time has moved by more than {@code tolerance} (a burst of messages costs one write).
   */
  boolean needsPublishing(Duration tolerance) {
    boolean open = isOpenNow();
    if (open != publishedOpen) {
      return true;
    }
    return open && Duration.between(publishedClosesAt, closesAt()).compareTo(tolerance) > 0;
  }

  void published(boolean open) {
    publishedOpen = open;
    publishedClosesAt = closesAt();
  }

  /**
   * Messages to pass on, in arrival order: their text for the rep (the Direct Line route posts it)
   * and, from version 5, their media.
   */
  List<InboundMessage> takePendingMessages() {
    List<InboundMessage> taken = List.copyOf(pendingMessages);
    pendingMessages.clear();
    return taken;
  }

  /** Media queued on its own: by runs before version 5, and carried over from one of them. */
  List<MediaItem> takePendingMedia() {
    List<MediaItem> taken = List.copyOf(pendingMedia);
    pendingMedia.clear();
    return taken;
  }

  /** This window's part of the continue-as-new snapshot; {@link #restore} reads it back. */
  CarriedOver carryOver(
      String workItemId,
      String conversationId,
      String workstreamId,
      ContactRule rule,
      List<MediaOutcome> media) {
    return new CarriedOver(
        workItemId,
        conversationId,
        workstreamId,
        rule,
        lastInboundAt,
        publishedOpen,
        publishedClosesAt,
        List.copyOf(seenMessageIds),
        List.copyOf(pendingMedia),
        media,
        List.copyOf(pendingMessages));
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
