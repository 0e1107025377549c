package com.opencx.handoff.workflows;

import static io.temporal.workflow.Workflow.DEFAULT_VERSION;

import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactMatch;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemCreated;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.activities.SessionActivities.ValidatedSession;
import com.opencx.handoff.workflows.model.ActionTaken;
import com.opencx.handoff.workflows.model.CancelRequest;
import com.opencx.handoff.workflows.model.CarriedOver;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffPolicy;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.InboundMessage;
import com.opencx.handoff.workflows.model.MediaOutcome;
import com.opencx.handoff.workflows.model.OperatorDecision;
import com.opencx.handoff.workflows.model.RelayHealth;
import com.opencx.handoff.workflows.model.RepActivity;
import com.opencx.handoff.workflows.model.RetryRequest;
import com.opencx.handoff.workflows.model.SkipRequest;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The runbook of one WhatsApp handoff, in the order an operator reads it in the Temporal UI: (1)
 * validate the OpenCX session, (2) resolve the Dynamics contact, (3) create the live work item,
 * then (4) attach media while (5) OpenCX is told the session is handed off and (6) the audit is
 * written — the rep never waits on media. Afterwards {@link WindowWatch} keeps the WhatsApp
 * template window until the conversation ends. A bad session ends Rejected; any other step that
 * will not succeed parks in NeedsAttention ({@link StepRunner}) until an operator's Update or its
 * own retry moves it; a cancel or close compensates ({@link HandoffEndings}). The state is built in
 * the constructor, so a message, close or Update that arrives first finds it ready.
 */
public class HandoffWorkflowImpl implements HandoffWorkflow {

  /** Transient faults back off 1 s to 1 min; the named types stop at once (no retry fixes them). */
  static final RetryOptions RETRY_TRANSIENT_ONLY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofMinutes(1))
          .setDoNotRetry(
              FailureTypes.SESSION_REJECTED, // unknown/closed/non-WhatsApp session, bad phone
              FailureTypes.DATAVERSE_BAD_REQUEST, // our payload or mapping is wrong
              FailureTypes.DATAVERSE_FORBIDDEN, // application user lacks a privilege
              FailureTypes.DATAVERSE_NOT_FOUND, // e.g. the workstream does not exist
              FailureTypes.DATAVERSE_UNAUTHORIZED, // credentials wrong even after a refresh
              FailureTypes.OPENCX_CONFLICT, // session handed off to another work item
              FailureTypes.OPENCX_REJECTED_CALL, // OpenCX refuses our key or request
              FailureTypes.DIRECT_LINE_REJECTED, // no channel for the workstream, bad secret
              FailureTypes.WORK_ITEM_NOT_ROUTED) // routing made no conversation record in time
          .build();

  /**
   * The changes to this workflow's commands, one id with a version each, so a run records one
   * marker. 1: OpenCX's close cancels a running step (waiting for the attempt in flight to end, so
   * nothing lands after the close unseen) and every failed media transfer gets a note and a {@code
   * media.skipped} audit. 2 ("lean"): the worker's settings are read at the start, validate,
   * resolve and the closed check are local activities, and search attributes change only with the
   * phase. 3: marking the session handed off and the audit, both safe to repeat, are local
   * activities too. 4: the worker's route is honoured, so a run may hand off over Direct Line. 5: a
   * later message's text and media are passed on together, message by message, so the rep reads
   * them in the order the customer sent them. 6: on the Direct Line route the rep's replies are
   * relayed back to the customer ({@link RepConversation}). 7: every Dataverse call but the daily
   * closed check, the contact lookup too, is an activity on the Dataverse task queue ({@link
   * HandoffWorkflow#dataverseTaskQueue}), paced by the server for all workers at once. Runs
   * recorded before a version replay the commands they were recorded with.
   */
  static final String CHANGES = "close-cancels-steps-and-media-notes";

  static final int LATEST = 7;

  /**
   * The calls' schedule-to-close until the run's policy is read; every stub is then built with the
   * policy's {@code step-budget} instead ({@link HandoffCalls#budgeted}). It was this constant
   * before it was a setting; the default is the same, so the commands are too and no version marker
   * is needed.
   */
  static final Duration STEP_BUDGET = HandoffPolicy.STEP_BUDGET;

  static final ActivityOptions OPENCX_CALL =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(STEP_BUDGET)
          .setRetryOptions(RETRY_TRANSIENT_ONLY)
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .build();

  static final ActivityOptions DATAVERSE_CALL =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(60))
          .setScheduleToCloseTimeout(STEP_BUDGET)
          .setRetryOptions(RETRY_TRANSIENT_ONLY)
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .build();

  /** A 16 MB file goes up in 4 MB blocks; the heartbeat notices a dead worker within a minute. */
  static final ActivityOptions MEDIA_TRANSFER =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(10))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          .setScheduleToCloseTimeout(Duration.ofMinutes(30))
          .setRetryOptions(RETRY_TRANSIENT_ONLY)
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .build();

  /**
   * Calls quick and safe to repeat, run in the workflow task itself: validate, resolve and the
   * closed check (reads), marking the session handed off and the audit (idempotent writes).
   */
  static final LocalActivityOptions LOCAL_CALL =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(STEP_BUDGET)
          .setRetryOptions(RETRY_TRANSIENT_ONLY)
          .setDoNotIncludeArgumentsIntoMarker(true)
          .build();

  private final HandoffState state;
  private final StepRunner steps;
  private final HandoffCalls calls;
  private final Runbook runbook;
  private final WindowWatch watch;
  private final RepConversation rep;
  private final HandoffEndings endings;
  private final CancellationScope handoff;
  private CloseRequest closeRequest;
  private OperatorDecision cancelDecision;
  private boolean closeCancelled;
  private HandoffResult result;

  @WorkflowInit
  public HandoffWorkflowImpl(HandoffRequest request, CarriedOver carriedOver) {
    state =
        new HandoffState(
            request, carriedOver, Workflow.getVersion(CHANGES, DEFAULT_VERSION, LATEST));
    steps = new StepRunner(state, () -> closeRequest != null);
    calls =
        new HandoffCalls(
            state,
            steps,
            HandoffCalls.Options.of(
                state, OPENCX_CALL, DATAVERSE_CALL, MEDIA_TRANSFER, LOCAL_CALL));
    MediaSteps media = new MediaSteps(state, calls);
    runbook = new Runbook(request, state, calls, media);
    rep = new RepConversation(state, steps, OPENCX_CALL, LOCAL_CALL);
    rep.restore(carriedOver);
    watch = new WindowWatch(request, state, calls, media, runbook, steps, rep, () -> closeRequest);
    endings = new HandoffEndings(state, calls, steps);
    handoff =
        Workflow.newCancellationScope(() -> result = carriedOver == null ? handOff() : watch.run());
  }

  @Override
  public HandoffResult run(HandoffRequest request, CarriedOver carriedOver) {
    state.usePolicy(calls.policy());
    try {
      return end(handoff);
    } catch (StepRunner.Interrupt escaped) {
      // An ending's own step was interrupted: fail this run plainly instead of a workflow task
      // that retries forever (each ending runs with steps.ending(), so this is a safety net).
      throw ApplicationFailure.newNonRetryableFailure(
          "the handoff could not finish its ending: " + escaped.getMessage(),
          FailureTypes.ENDING_INTERRUPTED);
    }
  }

  private HandoffResult handOff() {
    ValidatedSession session = step(Step.ValidateSession, runbook::validateSession);
    ContactMatch contact = step(Step.ResolveContact, () -> runbook.resolveContact(session));
    WorkItemCreated item =
        step(Step.CreateWorkItem, () -> runbook.createWorkItem(session, contact));
    rep.startRelay();
    stopIfClosed();
    Promise<List<MediaOutcome>> media = Async.function(runbook::attachMedia); // beside 5 and 6
    Promise<Void> handedOff =
        Async.procedure(
            () -> {
              step(Step.MarkHandedOff, runbook::markHandedOff);
              steps.optional(Step.WriteAudit, () -> runbook.auditHandedOff(contact, item));
              state.handedOff();
            });
    Promise.allOf(media, handedOff).get();
    runbook.auditSkippedMedia(media.get());
    return watch.run();
  }

  /** A required step; OpenCX's close, once it arrived, lets no further step start. */
  private <T> T step(Step step, Supplier<T> body) {
    stopIfClosed();
    return steps.required(step, body);
  }

  private void stopIfClosed() {
    if (closeRequest != null) {
      throw new StepRunner.Stopped();
    }
  }

  /** Runs the handoff (or the watch, after continue-as-new) and turns each way out into its end. */
  private HandoffResult end(CancellationScope scope) {
    try {
      scope.run();
      return result;
    } catch (CanceledFailure | ActivityFailure cancelled) {
      if (!scope.isCancelRequested()) {
        throw cancelled;
      }
      return closeCancelled ? endings.closedEarly(closeRequest) : endings.cancelled(cancelDecision);
    } catch (StepRunner.Stopped | StepRunner.Refused | StepRunner.StepAbandoned interrupt) {
      return endings.after(interrupt, closeRequest);
    }
  }

  @Override
  public void inboundMessage(InboundMessage message) {
    if (message != null) {
      watch.inbound(message);
    }
  }

  @Override
  public void repActivity(RepActivity activity) {
    if (rep.accept(activity)) {
      watch.wake();
    }
  }

  @Override
  public void relayHealth(RelayHealth health) {
    rep.health(health);
  }

  @Override
  public void close(CloseRequest request) {
    if (closeRequest != null) {
      return; // the first close decides the reason
    }
    closeRequest = request == null ? new CloseRequest(null) : request;
    if (state.closeCancelsSteps && !state.handedOffOnce() && !closeCancelled) {
      // Before the rep has the chat, a retrying step must not go on to create it: cancel the
      // steps and wait for the attempt in flight to end; the ending closes what it may have made.
      closeCancelled = true;
      handoff.cancel("closed by OpenCX");
    }
    watch.wake(); // after the handoff, the window watch ends it
  }

  @Override
  public void validateRetry(RetryRequest request) {
    steps.inbox().checkRetry(request);
  }

  @Override
  public ActionTaken retry(RetryRequest request) {
    return steps.inbox().retry(request);
  }

  @Override
  public void validateSkip(SkipRequest request) {
    steps.inbox().checkSkip();
  }

  @Override
  public ActionTaken skip(SkipRequest request) {
    return steps.inbox().skip(request);
  }

  @Override
  public void validateCancel(CancelRequest request) {
    steps.inbox().checkCancel(closeRequest, cancelDecision);
  }

  @Override
  public ActionTaken cancel(CancelRequest request) {
    OperatorDecision decision =
        OperatorDecision.cancel(request.reason(), request.closeWorkItem(), request.operator());
    applyCancel(decision);
    return new ActionTaken("cancel", state.step(), "cancelling: " + EndReasons.cancelled(decision));
  }

  @Override
  @SuppressWarnings("deprecation")
  public void decide(OperatorDecision decision) {
    if (decision == null || decision.action() == null) {
      return;
    }
    if (decision.action() == OperatorDecision.Action.CANCEL) {
      applyCancel(decision);
    } else {
      steps.inbox().decide(decision);
    }
  }

  private void applyCancel(OperatorDecision decision) {
    if (!closeCancelled) { // a close already ending the handoff comes first
      cancelDecision = decision;
      handoff.cancel(EndReasons.cancelled(decision));
    }
  }

  @Override
  public HandoffStatus status() {
    return state.view();
  }
}
