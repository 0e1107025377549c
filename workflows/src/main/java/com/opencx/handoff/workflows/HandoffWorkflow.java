package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.model.CarriedOver;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.InboundMessage;
import com.opencx.handoff.workflows.model.OperatorDecision;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One WhatsApp conversation handed from OpenCX's AI to a human rep in Dynamics 365 Omnichannel,
 * kept alive until the conversation ends. Workflow type {@code HandoffWorkflow} on task queue
 * {@value #TASK_QUEUE}, workflow id {@code whatsapp-handoff-<sessionId>}.
 */
@WorkflowInterface
public interface HandoffWorkflow {

  String TASK_QUEUE = "dynamics-handoff";

  /**
   * Runs the handoff. {@code carriedOver} is null on a fresh start (SDK clients send only the
   * request) and set by continue-as-new, which carries the window state and dedup set forward.
   */
  @WorkflowMethod
  HandoffResult run(HandoffRequest request, CarriedOver carriedOver);

  /** A new inbound customer message: moves the template window, attaches its media. */
  @SignalMethod
  void inboundMessage(InboundMessage message);

  /** The conversation ended at OpenCX: stop watching the window and finish. */
  @SignalMethod
  void close(CloseRequest request);

  /** An operator's retry, skip or cancel (SPEC §5.2, §5.3). */
  @SignalMethod
  void decide(OperatorDecision decision);

  /** The status document of {@code GET /v1/handoffs/{sessionId}}. */
  @QueryMethod
  HandoffStatus status();
}
