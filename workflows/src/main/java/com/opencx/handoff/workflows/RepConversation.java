package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.activities.RepliesActivities;
import com.opencx.handoff.workflows.activities.RepliesActivities.Delivery;
import com.opencx.handoff.workflows.activities.RepliesActivities.HandoffEnded;
import com.opencx.handoff.workflows.activities.RepliesActivities.RepMessage;
import com.opencx.handoff.workflows.activities.RepliesActivities.RepNotice;
import com.opencx.handoff.workflows.activities.RepliesActivities.TemplateCall;
import com.opencx.handoff.workflows.activities.RepliesActivities.WatchReplies;
import com.opencx.handoff.workflows.model.CarriedOver;
import com.opencx.handoff.workflows.model.RelayHealth;
import com.opencx.handoff.workflows.model.RepActivity;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The rep's side of a Direct Line handoff (SPEC §10, version 6): what the reply relay read from the
 * conversation is taken in order, once per Direct Line activity id, and passed to the customer
 * through OpenCX while the WhatsApp window is open. Outside it a free-form reply is not sent and
 * the rep is told why and offered the approved templates ({@code /template <name> [param…]}, listed
 * by {@code /templates}); the window's closing and OpenCX's close are told to the rep in the chat;
 * the rep's {@code endOfConversation} ends the handoff. The window is the workflow's clock;
 * OpenCX's 422 {@code window_closed} (its clock is the authority) is told the same way.
 */
final class RepConversation {

  static final int MAX_REMEMBERED_IDS = 2_000;
  static final String TEMPLATE_HINT = "send /template <name> [param…] (/templates lists them)";

  private final HandoffState state;
  private final StepRunner steps;
  private final ActivityOptions calls;
  private final LocalActivityOptions local;
  private final List<RepActivity> pending = new ArrayList<>();
  private final LinkedHashSet<String> seen = new LinkedHashSet<>();

  RepConversation(
      HandoffState state, StepRunner steps, ActivityOptions calls, LocalActivityOptions local) {
    this.state = state;
    this.steps = steps;
    this.calls = calls;
    this.local = local;
  }

  /** A continued run keeps ignoring what the previous one passed on. */
  void restore(CarriedOver carried) {
    if (carried != null) {
      seen.addAll(carried.seenRepActivityIds());
    }
  }

  /** The next run's start, with the rep activity ids seen so far. */
  CarriedOver carry(CarriedOver carried) {
    return carried.withSeenRepActivityIds(List.copyOf(seen));
  }

  /** Whether this run relays the rep's side at all (version 6, Direct Line route). */
  boolean active() {
    return state.relaysReplies && state.directLine();
  }

  /** Queues a rep activity not seen before; false for a repeat or an unusable one. */
  boolean accept(RepActivity activity) {
    if (activity == null || activity.id() == null || !seen.add(activity.id())) {
      return false;
    }
    if (seen.size() > MAX_REMEMBERED_IDS) {
      Iterator<String> oldest = seen.iterator();
      oldest.next();
      oldest.remove();
    }
    pending.add(activity);
    return true;
  }

  /**
   * The relay cannot read the rep's side (or can again): a lasting failure shows as NeedsAttention
   * at step RelayReplies while the relay keeps retrying by itself; only a cancel applies.
   */
  void health(RelayHealth health) {
    if (health == null || !active() || state.phase().isFinal()) {
      return;
    }
    if (health.failing()) {
      state.relayFailing(
          "the reply relay cannot read the rep's messages since "
              + health.since()
              + " ("
              + health.errorType()
              + "); it keeps retrying, and the rep's messages wait in Direct Line",
          health.errorType());
    } else {
      state.relayRecovered();
    }
  }

  /** After routing: the relay starts reading the rep's side of the conversation. */
  void startRelay() {
    if (active()) {
      steps.optional(
          Step.RelayReplies,
          () -> {
            local("Relay the rep's replies").watchReplies(watch());
            return Boolean.TRUE;
          });
    }
  }

  /**
   * Passes on what the rep sent, in order; returns the end reason when the rep ended the
   * conversation (what follows it is not passed on), else null.
   */
  String passOn(TemplateWindowClock window) {
    while (active() && !pending.isEmpty()) {
      RepActivity activity = pending.remove(0);
      if (activity.ends()) {
        pending.clear();
        return EndReasons.endedByRep();
      }
      handle(activity, window);
    }
    return null;
  }

  private void handle(RepActivity activity, TemplateWindowClock window) {
    String text = activity.text() == null ? "" : activity.text().strip();
    if (text.equals("/templates")) {
      tell("templates:" + activity.id(), "Approved templates:", true);
      return;
    }
    if (text.equals("/template") || text.startsWith("/template ")) {
      List<String> words = TemplateCommand.words(text.substring("/template".length()));
      if (words.isEmpty()) {
        tell("template-usage:" + activity.id(), "Write " + TEMPLATE_HINT + ".", true);
        return;
      }
      deliver(activity, new TemplateCall(words.get(0), words.subList(1, words.size())));
      return;
    }
    if (text.isEmpty() && activity.attachments().isEmpty()) {
      return; // nothing the customer could receive
    }
    if (!window.isOpenNow()) {
      tell("held:" + activity.id(), notSent(window.closesAt()), true);
      return;
    }
    deliver(activity, null);
  }

  private void deliver(RepActivity activity, TemplateCall template) {
    Delivery delivery =
        steps.optional(
            Step.RelayReplies,
            () ->
                remote("Deliver the rep's message " + activity.id())
                    .deliverToCustomer(
                        new RepMessage(state.sessionId, state.workstreamId(), activity, template)));
    if (delivery == null || delivery.outcome() == Delivery.Outcome.Delivered) {
      return; // delivered, or skipped by an operator after it parked
    }
    if (delivery.outcome() == Delivery.Outcome.WindowClosed) {
      tell("held:" + activity.id(), notSent(parse(delivery.detail())), true);
    } else {
      tell("refused:" + activity.id(), "Not sent: " + delivery.detail(), true);
    }
  }

  /** The window just closed: the rep learns it once per closing time. */
  void windowClosed(Instant closedAt) {
    if (active()) {
      tell(
          "window-closed:" + HandoffIds.occasion(closedAt),
          "The customer's WhatsApp 24-hour window closed at "
              + closedAt
              + ". Free-form replies are not sent until the customer writes again; "
              + TEMPLATE_HINT
              + ".",
          true);
    }
  }

  /**
   * The handoff ends: the rep is told when the customer's side closed it, OpenCX when the rep did,
   * and the relay stops reading the conversation.
   */
  void ending(String reason, boolean closedByOpenCx, boolean endedByRep) {
    if (!active()) {
      return;
    }
    if (closedByOpenCx) {
      tell(
          "closed-by-opencx",
          "This conversation was " + reason + ". Your replies no longer reach the customer.",
          false);
    }
    if (endedByRep) {
      steps.optional(
          Step.Done,
          () -> {
            Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
            local("Tell OpenCX the rep ended the conversation")
                .handoffEnded(new HandoffEnded(state.sessionId, state.workflowId, reason, now));
            return Boolean.TRUE;
          });
    }
    steps.optional(
        Step.Done,
        () -> {
          local("Stop relaying the rep's replies").unwatchReplies(watch());
          return Boolean.TRUE;
        });
  }

  private void tell(String noticeId, String text, boolean listTemplates) {
    steps.optional(
        Step.RelayReplies,
        () -> {
          remote("Tell the rep: " + noticeId.substring(0, noticeId.indexOf(':') + 1))
              .tellRep(
                  new RepNotice(
                      state.sessionId,
                      state.workstreamId(),
                      state.conversationId(),
                      state.sessionId + ":notice:" + noticeId,
                      text,
                      listTemplates));
          return Boolean.TRUE;
        });
  }

  private static String notSent(Instant closedAt) {
    return "Not sent: the customer's WhatsApp 24-hour window closed at "
        + closedAt
        + "; only an approved template reaches them now: "
        + TEMPLATE_HINT
        + ".";
  }

  private static Instant parse(String closedAt) {
    try {
      return Instant.parse(closedAt);
    } catch (RuntimeException unreadable) {
      return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }
  }

  private WatchReplies watch() {
    return new WatchReplies(
        state.sessionId, state.workflowId, state.conversationId(), state.workstreamId());
  }

  private RepliesActivities remote(String summary) {
    return Workflow.newActivityStub(
        RepliesActivities.class,
        HandoffCalls.summarised(HandoffCalls.budgeted(calls, state), summary));
  }

  private RepliesActivities local(String summary) {
    return Workflow.newLocalActivityStub(
        RepliesActivities.class,
        HandoffCalls.summarised(HandoffCalls.budgeted(local, state), summary));
  }
}
