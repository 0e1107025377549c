package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.model.ActionTaken;
import com.opencx.handoff.workflows.model.CancelRequest;
import com.opencx.handoff.workflows.model.CarriedOver;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.InboundMessage;
import com.opencx.handoff.workflows.model.OperatorDecision;
import com.opencx.handoff.workflows.model.RelayHealth;
import com.opencx.handoff.workflows.model.RepActivity;
import com.opencx.handoff.workflows.model.RetryRequest;
import com.opencx.handoff.workflows.model.SkipRequest;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One WhatsApp conversation handed from OpenCX's AI to a human rep in Dynamics 365 Omnichannel,
 * kept alive until the conversation ends. Workflow type {@code HandoffWorkflow} on task queue
 * {@value #TASK_QUEUE}, workflow id {@code whatsapp-handoff-<sessionId>}. OpenCX's facts arrive as
 * signals (fire and forget: a message or a close is never refused); operators act through Updates,
 * which a validator refuses with a reason when they do not apply, and which answer what they did.
 */
@WorkflowInterface
public interface HandoffWorkflow {

  String TASK_QUEUE = "dynamics-handoff";

  /**
   * The task queue of a run's Dataverse calls (version 7 on): {@code <its own task
   * queue>-dataverse}, {@value #TASK_QUEUE}{@code -dataverse} in production. Its workers set the
   * Temporal server's rate limit for the queue, so every worker of the deployment shares one
   * Dataverse budget.
   */
  static String dataverseTaskQueue(String taskQueue) {
    return taskQueue + "-dataverse";
  }

  /**
   * Runs the handoff. {@code carriedOver} is null on a fresh start (SDK clients send only the
   * request) and set by continue-as-new, which carries the handoff's state forward.
   */
  @WorkflowMethod
  HandoffResult run(HandoffRequest request, CarriedOver carriedOver);

  /** A new inbound customer message: moves the template window, attaches its media. */
  @SignalMethod
  void inboundMessage(InboundMessage message);

  /**
   * What the rep sent on the Direct Line conversation, from the reply relay: passed on to the
   * customer in order, once per activity id, within the WhatsApp window.
   */
  @SignalMethod
  void repActivity(RepActivity activity);

  /** From the reply relay: reading the rep's side fails for long (or works again). */
  @SignalMethod
  void relayHealth(RelayHealth health);

  /** The conversation ended at OpenCX: stop watching the window and finish. */
  @SignalMethod
  void close(CloseRequest request);

  /**
   * Runs the parked step again now, optionally on another workstream (before the work item exists).
   * Refused unless the handoff is in NeedsAttention.
   */
  @UpdateMethod
  ActionTaken retry(RetryRequest request);

  /** Refuses a retry, saying why, unless a step is parked and the workstream (if any) can apply. */
  @UpdateValidatorMethod(updateName = "retry")
  void validateRetry(RetryRequest request);

  /**
   * Gives up the parked step: only a step the handoff can do without (an audit event, a template
   * window update, an ending's notice to OpenCX). Refused for the steps that make the handoff.
   */
  @UpdateMethod
  ActionTaken skip(SkipRequest request);

  /** Refuses a skip, saying why, unless the parked step is one the handoff can do without. */
  @UpdateValidatorMethod(updateName = "skip")
  void validateSkip(SkipRequest request);

  /** Ends the handoff with its compensation (SPEC §5.3). Refused once it is ending or ended. */
  @UpdateMethod
  ActionTaken cancel(CancelRequest request);

  /** Refuses a cancel once a close or another cancel is ending the handoff. */
  @UpdateValidatorMethod(updateName = "cancel")
  void validateCancel(CancelRequest request);

  /**
   * The signal operators used before the Updates above; kept so that runs which received it still
   * replay. It applies its decision without an answer; send the Updates instead.
   */
  @Deprecated
  @SignalMethod
  void decide(OperatorDecision decision);

  /** The status document of {@code GET /v1/handoffs/{sessionId}}. */
  @QueryMethod
  HandoffStatus status();
}
