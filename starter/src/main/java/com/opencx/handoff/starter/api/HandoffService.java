package com.opencx.handoff.starter.api;

import com.opencx.handoff.starter.metrics.HandoffStarts;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.HandoffSearchAttributes;
import com.opencx.handoff.workflows.HandoffWorkflow;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.InboundMessage;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import org.springframework.stereotype.Service;

/**
 * OpenCX's writes to Temporal: start a handoff once per session and deliver OpenCX's signals
 * (operators' actions are Updates, sent through {@code HandoffOperations}). Workflow ids are
 * derived from the session id, so a repeated start finds the running (or finished) handoff instead
 * of making a second one. A signal to a handoff that already ended is told apart from one to a
 * session never seen.
 */
@Service
public class HandoffService {

  /** What a start returned: the execution and whether this call created it. */
  public record Started(String workflowId, String runId, boolean created) {}

  private final WorkflowClient client;
  private final HandoffStatusReader reader;
  private final HandoffStarts starts;

  public HandoffService(WorkflowClient client, HandoffStatusReader reader, HandoffStarts starts) {
    this.client = client;
    this.reader = reader;
    this.starts = starts;
  }

  /**
   * Starts the handoff unless its workflow id was ever used. The API asks with conflict policy FAIL
   * rather than the USE_EXISTING that SDK clients use: the server's answer to either is the same
   * single run, but SDK 1.38 does not surface USE_EXISTING's {@code started} flag, while FAIL says
   * atomically whether this call created the run (racing starts get AlreadyStarted with the
   * winner's run id). REJECT_DUPLICATE keeps a finished handoff from ever being started again. The
   * search attributes go with the start request, so the handoff is searchable from its first moment
   * and the workflow spends no history event on them.
   */
  public Started start(HandoffRequest request) {
    String workflowId = HandoffIds.workflowId(request.sessionId());
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(HandoffWorkflow.TASK_QUEUE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setTypedSearchAttributes(HandoffSearchAttributes.atStart(request))
            .setStaticSummary("WhatsApp handoff of OpenCX session " + request.sessionId())
            .setStaticDetails(
                "Hands the OpenCX session to a rep in Dynamics 365 Omnichannel as a live chat,"
                    + " then keeps the WhatsApp 24-hour template window until the conversation"
                    + " ends. Work item id: "
                    + HandoffIds.workItemId(request.sessionId()))
            .build();
    HandoffWorkflow workflow = client.newWorkflowStub(HandoffWorkflow.class, options);
    try {
      WorkflowExecution execution = WorkflowClient.start(workflow::run, request, null);
      starts.started(true);
      return new Started(workflowId, execution.getRunId(), true);
    } catch (WorkflowExecutionAlreadyStarted existing) {
      starts.started(false);
      return new Started(workflowId, existing.getExecution().getRunId(), false);
    }
  }

  public void inboundMessage(String sessionId, InboundMessage message) {
    signal(sessionId, "inboundMessage", message);
  }

  public void close(String sessionId, CloseRequest request) {
    signal(sessionId, "close", request);
  }

  /**
   * Signals the handoff; throws NotFound for a session never seen and HandoffEnded when its
   * workflow has closed (Temporal answers NOT_FOUND to both, so describe tells them apart).
   */
  private void signal(String sessionId, String name, Object argument) {
    try {
      client.newUntypedWorkflowStub(HandoffIds.workflowId(sessionId)).signal(name, argument);
    } catch (WorkflowNotFoundException e) {
      throw ApiErrors.ended(sessionId, reader.recorded(sessionId).phase());
    }
  }
}
