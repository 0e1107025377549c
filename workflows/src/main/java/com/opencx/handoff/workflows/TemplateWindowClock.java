package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.model.CarriedOver;
import com.opencx.handoff.workflows.model.ContactRule;
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
 * The WhatsApp 24-hour window as the workflow tracks it: {@code closesAt = lastInboundAt + 24h},
 * moved only forward by inbound messages (late or repeated ones never move it back), plus what was
 * last published to Dynamics so the watch knows when Dynamics is out of date. Message ids already
 * seen are remembered (bounded) so a redelivered message is ignored across continue-as-new too.
 */
final class TemplateWindowClock {

  static final Duration LENGTH = Duration.ofHours(24);
  static final int MAX_REMEMBERED_MESSAGE_IDS = 2_000;

  private Instant lastInboundAt;
  private final LinkedHashSet<String> seenMessageIds = new LinkedHashSet<>();
  private final List<MediaItem> pendingMedia = new ArrayList<>();
  private final List<InboundMessage> pendingTexts = new ArrayList<>();
  private boolean publishedOpen;
  private Instant publishedClosesAt;

  TemplateWindowClock(Instant lastInboundAt) {
    this.lastInboundAt =
        lastInboundAt != null ? lastInboundAt : Instant.ofEpochMilli(Workflow.currentTimeMillis());
    this.publishedClosesAt = closesAt();
    this.publishedOpen = now().isBefore(publishedClosesAt);
  }

  void restore(CarriedOver carried) {
    lastInboundAt = carried.lastInboundAt();
    carried.seenMessageIds().forEach(this::remember);
    pendingMedia.addAll(carried.pendingMedia());
    pendingTexts.addAll(carried.pendingMessages());
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
    pendingMedia.addAll(message.media());
    if (message.text() != null && !message.text().isBlank()) {
      pendingTexts.add(
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
    return lastInboundAt.plus(LENGTH);
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

  /** Texts to relay to the rep, in arrival order (the Direct Line route posts them). */
  List<InboundMessage> takePendingTexts() {
    List<InboundMessage> taken = List.copyOf(pendingTexts);
    pendingTexts.clear();
    return taken;
  }

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
        List.copyOf(pendingTexts));
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
