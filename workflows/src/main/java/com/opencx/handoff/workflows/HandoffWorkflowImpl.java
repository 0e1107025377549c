package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.StepRunner.StepAbandoned;
import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactMatch;
import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactQuery;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemCreated;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemDraft;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.activities.SessionActivities.ValidateSessionInput;
import com.opencx.handoff.workflows.activities.SessionActivities.ValidatedSession;
import com.opencx.handoff.workflows.model.CarriedOver;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.InboundMessage;
import com.opencx.handoff.workflows.model.MediaOutcome;
import com.opencx.handoff.workflows.model.OperatorDecision;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The runbook of one WhatsApp handoff, in the order an operator reads it in the Temporal UI: (1)
 * validate the OpenCX session, (2) resolve the Dynamics contact, (3) create the live work item,
 * then (4) attach media while (5) OpenCX is told the session is handed off and (6) the audit is
 * written — the rep never waits on media. Afterwards {@link WindowWatch} keeps the WhatsApp
 * template window until the conversation ends. A bad session ends Rejected; any other step that
 * will not succeed parks in NeedsAttention (see {@link StepRunner}); a cancel compensates.
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
              FailureTypes.OPENCX_REJECTED_CALL) // OpenCX refuses our key or request
          .build();

  /**
   * The change that made OpenCX's close cancel a running step (waiting for the attempt in flight to
   * end, so nothing lands after the close unseen) and gave every failed media transfer a note and a
   * {@code media.skipped} audit. Runs recorded before it replay the old commands.
   */
  static final String CLOSE_CANCELS_STEPS = "close-cancels-steps-and-media-notes";

  /** How long one step may retry before the handoff parks in NeedsAttention (SPEC §5.2). */
  static final Duration STEP_BUDGET = Duration.ofMinutes(10);

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

  static final int MEDIA_PARALLELISM = 4;

  /** A parked step retries by itself this often, for this long, then gives up (SPEC §5.2). */
  static final Duration PARKED_RETRY_EVERY = Duration.ofMinutes(30);

  static final Duration PARKED_GIVE_UP_AFTER = Duration.ofHours(24);

  private HandoffState state;
  private StepRunner steps;
  private HandoffCalls calls;
  private WindowWatch watch;
  private HandoffEndings endings;
  private CancellationScope handoff;
  private OperatorDecision cancelDecision;
  private final List<InboundMessage> earlyMessages = new ArrayList<>();
  private final List<OperatorDecision> earlyDecisions = new ArrayList<>();
  private CloseRequest closeRequest;
  private boolean closeCancelled;

  @Override
  public HandoffResult run(HandoffRequest request, CarriedOver carriedOver) {
    int version = Workflow.getVersion(CLOSE_CANCELS_STEPS, Workflow.DEFAULT_VERSION, 1);
    state = new HandoffState(request, carriedOver, version);
    steps =
        new StepRunner(state, PARKED_RETRY_EVERY, PARKED_GIVE_UP_AFTER, () -> closeRequest != null);
    calls =
        new HandoffCalls(
            state,
            steps,
            HandoffCalls.Options.of(state, OPENCX_CALL, DATAVERSE_CALL, MEDIA_TRANSFER),
            MEDIA_PARALLELISM);
    watch = new WindowWatch(request, state, calls, steps, () -> closeRequest);
    endings = new HandoffEndings(state, calls, steps);
    HandoffResult[] result = new HandoffResult[1];
    handoff =
        Workflow.newCancellationScope(
            () -> result[0] = carriedOver == null ? handOff(request) : watch.run());
    earlyMessages.forEach(this::inboundMessage);
    earlyDecisions.forEach(this::decide);
    try {
      return end(result);
    } catch (StepRunner.Interrupt escaped) {
      // An ending's own step was interrupted: fail this run plainly instead of a workflow task
      // that retries forever (each ending runs with steps.ending(), so this is a safety net).
      throw ApplicationFailure.newNonRetryableFailure(
          "the handoff could not finish its ending: " + escaped.getMessage(),
          FailureTypes.ENDING_INTERRUPTED);
    }
  }

  private HandoffResult end(HandoffResult[] result) {
    try {
      handoff.run();
      return result[0];
    } catch (CanceledFailure | ActivityFailure cancelled) {
      if (!handoff.isCancelRequested()) {
        throw cancelled;
      }
      return closeCancelled ? endings.closedEarly(closeRequest) : endings.cancelled(cancelDecision);
    } catch (StepRunner.Stopped closed) {
      return endings.closedEarly(closeRequest);
    } catch (StepAbandoned abandoned) {
      return endings.failed(abandoned.getMessage());
    }
  }

  private HandoffResult handOff(HandoffRequest request) {
    stopIfClosed();
    // 1. Validate the session. A session that cannot be handed off ends the handoff Rejected.
    ValidatedSession session;
    try {
      session =
          steps.required(
              Step.ValidateSession,
              () ->
                  calls
                      .sessions("Validate OpenCX session " + state.sessionId)
                      .validateSession(new ValidateSessionInput(request, state.workItemId)));
    } catch (ActivityFailure rejected) {
      if (!(rejected.getCause() instanceof ApplicationFailure why)) {
        throw rejected;
      }
      return endings.rejected(why.getOriginalMessage());
    }

    // 2. Resolve the contact. "No match" or "several" links none; it never fails the handoff.
    ContactMatch contact =
        steps.required(
            Step.ResolveContact,
            () ->
                calls
                    .dynamics("Resolve the Dynamics contact")
                    .resolveContact(new ContactQuery(session.email(), session.phoneE164())));
    state.contactResolved(contact.rule(), contact.defaultWorkstreamId());
    stopIfClosed();

    // 3. Create the live work item with its context items, under the id chosen here.
    WorkItemCreated created =
        steps.required(
            Step.CreateWorkItem,
            () ->
                calls
                    .dynamics("Create live work item " + state.workItemId)
                    .createWorkItem(
                        new WorkItemDraft(
                            state.workItemId,
                            state.sessionId,
                            state.workstreamId(),
                            contact.contactId(),
                            TextCut.summary(request.summary()),
                            session.phoneE164(),
                            state.window.closesAt())));
    state.workItemCreated(created.workstreamId());
    stopIfClosed();

    // 4. Media in parallel with 5. mark the session handed off, then 6. audit it.
    Promise<List<MediaOutcome>> media = Async.function(calls::attachMedia, request.media());
    Promise<Void> confirmed =
        Async.procedure(
            () -> calls.confirmHandoff(contact.rule(), created.alreadyExisted(), request.media()));
    try {
      Promise.allOf(media, confirmed).get();
    } catch (ActivityFailure conflict) {
      if (!FailureTypes.OPENCX_CONFLICT.equals(StepRunner.typeOf(conflict))) {
        throw conflict;
      }
      return endings.handedOffElsewhere(
          ((ApplicationFailure) conflict.getCause()).getOriginalMessage());
    }
    calls.auditSkippedMedia(media.get());
    return watch.run();
  }

  /** OpenCX ended the conversation: hand nothing further over. */
  private void stopIfClosed() {
    if (closeRequest != null) {
      throw new StepRunner.Stopped();
    }
  }

  @Override
  public void inboundMessage(InboundMessage message) {
    if (message == null) {
      return;
    }
    if (watch == null) {
      earlyMessages.add(message);
      return;
    }
    watch.inbound(message);
  }

  @Override
  public void close(CloseRequest request) {
    if (closeRequest != null) {
      return; // the first close decides the reason
    }
    closeRequest = request == null ? new CloseRequest(null) : request;
    if (state != null && state.closeCancelsSteps && !state.handedOffOnce() && !closeCancelled) {
      // Before the rep has the chat, a retrying step must not go on to create it: cancel the
      // steps and wait for the attempt in flight to end; the ending closes what it may have made.
      closeCancelled = true;
      handoff.cancel("closed by OpenCX");
    }
    if (watch != null) {
      watch.wake(); // after the handoff, the window watch ends it
    }
  }

  @Override
  public void decide(OperatorDecision decision) {
    if (decision == null || decision.action() == null) {
      return;
    }
    if (steps == null) {
      earlyDecisions.add(decision);
    } else if (decision.action() == OperatorDecision.Action.CANCEL) {
      if (!closeCancelled) { // a close already ending the handoff comes first
        cancelDecision = decision;
        handoff.cancel(EndReasons.cancelled(decision));
      }
    } else {
      steps.decide(decision);
    }
  }

  @Override
  public HandoffStatus status() {
    return state == null ? null : state.view();
  }
}
