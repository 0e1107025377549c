package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.activities.DynamicsActivities.WindowUpdate;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.InboundMessage;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * After the handoff, keeps the WhatsApp template window (SPEC §4.3) until the conversation ends:
 * one durable timer at the window's closing time, moved by inbound messages; on expiry Dynamics and
 * the audit learn the window closed and Dynamics is asked whether the rep closed the conversation
 * (also at the policy's interval, a day by default, so an idle handoff costs one read a day). On
 * the Direct Line route the rep's replies are passed on ({@link RepConversation}). Ends on OpenCX's
 * close, a closed conversation, the rep's end, or 30 days of silence; continues-as-new to keep the
 * history bounded, carrying the state's snapshot.
 */
final class WindowWatch {

  /** Messages that move the closing time by less than this share one Dynamics write. */
  static final Duration PUBLISH_TOLERANCE = Duration.ofMinutes(10);

  static final int MAX_HISTORY_EVENTS = 5_000;

  private final HandoffRequest request;
  private final HandoffState state;
  private final HandoffCalls calls;
  private final MediaSteps mediaSteps;
  private final Runbook runbook;
  private final StepRunner steps;
  private final Supplier<CloseRequest> closeRequest;
  private final RepConversation rep;
  private boolean woken;

  WindowWatch(
      HandoffRequest request,
      HandoffState state,
      HandoffCalls calls,
      MediaSteps mediaSteps,
      Runbook runbook,
      StepRunner steps,
      RepConversation rep,
      Supplier<CloseRequest> closeRequest) {
    this.request = request;
    this.state = state;
    this.calls = calls;
    this.mediaSteps = mediaSteps;
    this.runbook = runbook;
    this.steps = steps;
    this.closeRequest = closeRequest;
    this.rep = rep;
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
    Duration closedCheckEvery = state.policy().closedCheckEvery();
    Instant nextClosedCheck = now().plus(closedCheckEvery);
    while (true) {
      woken = false;
      if (closeRequest.get() != null) {
        return finish(EndReasons.closedByOpenCx(closeRequest.get()), true, false);
      }
      for (InboundMessage message : window.takePendingMessages()) {
        passOn(message);
      }
      List<MediaItem> media = window.takePendingMedia(); // queued by a run before version 5
      if (!media.isEmpty()) {
        mediaSteps.auditSkippedMedia(mediaSteps.attachMedia(media));
      }
      String endedByRep = rep.passOn(window);
      if (endedByRep != null) {
        return finish(endedByRep, false, true);
      }
      boolean expired = window.isOpen() && !window.isOpenNow();
      if (window.needsPublishing(PUBLISH_TOLERANCE)) {
        publish(window);
      }
      if (expired || !now().isBefore(nextClosedCheck)) {
        nextClosedCheck = now().plus(closedCheckEvery);
        if (conversationClosed()) {
          return finish(EndReasons.closedInDynamics(), false, true);
        }
      }
      // The policy's silence, 30 days unless set (a constant before it was a setting; the same
      // default gives the same timers, so no version marker).
      Duration silence = state.policy().silenceEndsAfter();
      Instant silenceEnds = window.lastInboundAt().plus(silence);
      if (!now().isBefore(silenceEnds)) {
        return finish(EndReasons.silentFor(silence), false, false);
      }
      if ((Workflow.getInfo().isContinueAsNewSuggested()
              || Workflow.getInfo().getHistoryLength() > MAX_HISTORY_EVENTS)
          && !continueAsNew()) {
        continue; // a signal arrived meanwhile: handle it in this run first
      }
      sleepUntil(
          nextWake(
              window.isOpen() ? window.closesAt() : null, nextClosedCheck, silenceEnds, silence));
    }
  }

  /** A later message to the rep: its text (Direct Line route only), then its media. */
  private void passOn(InboundMessage message) {
    boolean text = message.text() != null && !message.text().isBlank();
    if (text && state.directLine()) { // the record route has no conversation to post to
      steps.optional(Step.RelayMessage, () -> runbook.relay(message));
    }
    if (!message.media().isEmpty()) {
      mediaSteps.auditSkippedMedia(mediaSteps.attachMedia(message.media()));
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
                      new WindowUpdate(
                          state.workItemId(), state.sessionId, window.closesAt(), open));
              return Boolean.TRUE;
            });
    state.windowPublished(open);
    if (wasOpen && !open) {
      rep.windowClosed(window.closesAt());
    }
    if (wasOpen != open) {
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
                    .dynamicsReads("Check whether the rep closed the conversation")
                    .isConversationClosed(state.workItemId()));
    return Boolean.TRUE.equals(closed);
  }

  /** What the watch sleeps for next, named for the Temporal UI's timer summary. */
  record Wake(Instant at, String summary) {}

  static Wake nextWake(
      Instant windowClosesAt, Instant closedCheckAt, Instant silenceEndsAt, Duration silence) {
    Wake wake = new Wake(closedCheckAt, "Check whether the rep closed the conversation at ");
    if (windowClosesAt != null && !windowClosesAt.isAfter(wake.at())) {
      wake = new Wake(windowClosesAt, "WhatsApp template window closes at ");
    }
    if (silenceEndsAt.isBefore(wake.at())) {
      wake = new Wake(silenceEndsAt, EndReasons.span(silence) + " without a message end at ");
    }
    return new Wake(wake.at(), wake.summary() + wake.at());
  }

  private void sleepUntil(Wake wake) {
    Timers.sleep(Duration.between(now(), wake.at()), wake.summary(), () -> woken);
  }

  /** Returns false (instead of continuing) when a close or message is still to be handled. */
  private boolean continueAsNew() {
    Workflow.await(Workflow::isEveryHandlerFinished);
    if (woken || closeRequest.get() != null) {
      return false;
    }
    Workflow.continueAsNew(request, rep.carry(state.carryOver()));
    return true; // not reached: continueAsNew ends this run
  }

  /** The rep's side hears of the end first (a notice, OpenCX's handoff-ended); then the audit. */
  private HandoffResult finish(String reason, boolean closedByOpenCx, boolean endedByRep) {
    steps.ending();
    rep.ending(reason, closedByOpenCx, endedByRep);
    calls.audit("handoff.closed", null, Map.of("reason", reason));
    return state.end(Phase.Closed, reason);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
