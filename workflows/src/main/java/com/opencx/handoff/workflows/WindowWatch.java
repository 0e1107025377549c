package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.activities.DynamicsActivities.WindowUpdate;
import com.opencx.handoff.workflows.model.CarriedOver;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.InboundMessage;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * After the handoff, keeps the WhatsApp template window (SPEC §4.3) until the conversation ends:
 * one durable timer at the window's closing time, moved by inbound messages; on expiry Dynamics and
 * the audit learn the window closed and Dynamics is asked whether the rep closed the conversation.
 * Ends on OpenCX's close, a closed conversation, or 30 days of silence; continues-as-new to keep
 * the history bounded, carrying the window and the seen message ids.
 */
final class WindowWatch {

  static final Duration CLOSED_CHECK_EVERY = Duration.ofHours(6);
  static final Duration MAX_SILENCE = Duration.ofDays(30);

  /** Messages that move the closing time by less than this share one Dynamics write. */
  static final Duration PUBLISH_TOLERANCE = Duration.ofMinutes(10);

  static final int MAX_HISTORY_EVENTS = 5_000;

  private final HandoffRequest request;
  private final HandoffState state;
  private final HandoffCalls calls;
  private final StepRunner steps;
  private final Supplier<CloseRequest> closeRequest;
  private boolean woken;

  WindowWatch(
      HandoffRequest request,
      HandoffState state,
      HandoffCalls calls,
      StepRunner steps,
      Supplier<CloseRequest> closeRequest) {
    this.request = request;
    this.state = state;
    this.calls = calls;
    this.steps = steps;
    this.closeRequest = closeRequest;
  }

  void inbound(InboundMessage message) {
    if (state.window.accept(message)) {
      wake();
    }
  }

  void wake() {
    woken = true;
  }

  HandoffResult run() {
    TemplateWindowClock window = state.window;
    Instant nextClosedCheck = now().plus(CLOSED_CHECK_EVERY);
    while (true) {
      woken = false;
      if (closeRequest.get() != null) {
        return finish(EndReasons.closedByOpenCx(closeRequest.get()));
      }
      List<MediaItem> media = window.takePendingMedia();
      if (!media.isEmpty()) {
        calls.auditSkippedMedia(calls.attachMedia(media));
      }
      boolean expired = window.isOpen() && !window.isOpenNow();
      if (window.needsPublishing(PUBLISH_TOLERANCE)) {
        publish(window);
      }
      if (expired || !now().isBefore(nextClosedCheck)) {
        nextClosedCheck = now().plus(CLOSED_CHECK_EVERY);
        if (conversationClosed()) {
          return finish(EndReasons.closedInDynamics());
        }
      }
      Instant silenceEnds = window.lastInboundAt().plus(MAX_SILENCE);
      if (!now().isBefore(silenceEnds)) {
        return finish(EndReasons.silentFor(MAX_SILENCE.toDays()));
      }
      if ((Workflow.getInfo().isContinueAsNewSuggested()
              || Workflow.getInfo().getHistoryLength() > MAX_HISTORY_EVENTS)
          && !continueAsNew(window)) {
        continue; // a signal arrived meanwhile: handle it in this run first
      }
      sleepUntil(
          nextWake(window.isOpen() ? window.closesAt() : null, nextClosedCheck, silenceEnds));
    }
  }

  private void publish(TemplateWindowClock window) {
    boolean wasOpen = window.isOpen();
    boolean open = window.isOpenNow();
    Boolean done =
        steps.optional(
            Step.TemplateWindow,
            () -> {
              calls
                  .dynamics(open ? "Publish template window closing time" : "Mark window closed")
                  .updateTemplateWindow(
                      new WindowUpdate(state.workItemId, state.sessionId, window.closesAt(), open));
              return Boolean.TRUE;
            });
    window.published(open);
    if (wasOpen != open) {
      Workflow.upsertTypedSearchAttributes(
          HandoffSearchAttributes.TEMPLATE_WINDOW_OPEN.valueSet(open));
      String type = open ? "window.reopened" : "window.closed";
      calls.audit(
          type,
          HandoffIds.occasion(window.closesAt()),
          Map.of("closesAt", window.closesAt().toString(), "dynamicsUpdated", "" + (done != null)));
    }
  }

  private boolean conversationClosed() {
    Boolean closed =
        steps.optional(
            Step.TemplateWindow,
            () ->
                calls
                    .dynamics("Check whether the rep closed the conversation")
                    .isConversationClosed(state.workItemId));
    return Boolean.TRUE.equals(closed);
  }

  /** What the watch sleeps for next, named for the Temporal UI's timer summary. */
  record Wake(Instant at, String summary) {}

  static Wake nextWake(Instant windowClosesAt, Instant closedCheckAt, Instant silenceEndsAt) {
    Wake wake = new Wake(closedCheckAt, "Check whether the rep closed the conversation at ");
    if (windowClosesAt != null && !windowClosesAt.isAfter(wake.at())) {
      wake = new Wake(windowClosesAt, "WhatsApp template window closes at ");
    }
    if (silenceEndsAt.isBefore(wake.at())) {
      wake = new Wake(silenceEndsAt, MAX_SILENCE.toDays() + " days without a message end at ");
    }
    return new Wake(wake.at(), wake.summary() + wake.at());
  }

  private void sleepUntil(Wake wake) {
    Duration wait = Duration.between(now(), wake.at());
    if (wait.isNegative() || wait.isZero()) {
      return;
    }
    TimerOptions options = TimerOptions.newBuilder().setSummary(wake.summary()).build();
    Promise<?>[] timer = new Promise<?>[1];
    CancellationScope scope =
        Workflow.newCancellationScope(() -> timer[0] = Workflow.newTimer(wait, options));
    scope.run();
    Workflow.await(() -> timer[0].isCompleted() || woken);
    if (!timer[0].isCompleted()) {
      scope.cancel();
    }
  }

  /** Returns false (instead of continuing) when a close or message is still to be handled. */
  private boolean continueAsNew(TemplateWindowClock window) {
    Workflow.await(Workflow::isEveryHandlerFinished);
    if (woken || closeRequest.get() != null) {
      return false;
    }
    CarriedOver carried =
        new CarriedOver(
            state.workItemId,
            state.workstreamId(),
            state.contactRule(),
            window.lastInboundAt(),
            window.isOpen(),
            window.publishedClosesAt(),
            window.seenMessageIds(),
            window.pendingMedia(),
            state.media());
    Workflow.continueAsNew(request, carried);
    return true; // not reached: continueAsNew ends this run
  }

  private HandoffResult finish(String reason) {
    steps.ending();
    calls.audit("handoff.closed", null, Map.of("reason", reason));
    return state.end(Phase.Closed, reason);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
