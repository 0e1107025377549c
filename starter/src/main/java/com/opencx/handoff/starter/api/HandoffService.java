package com.opencx.handoff.starter.api;

import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.HandoffWorkflow;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.InboundMessage;
import com.opencx.handoff.workflows.model.OperatorDecision;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The API's only contact with Temporal: start a handoff once per session, read its status through
 * the workflow's query, and deliver OpenCX's and operators' signals. Workflow ids are derived from
 * the session id, so a repeated start finds the running (or finished) handoff instead of making a
 * second one.
 */
@Service
public class HandoffService {

  /** What a start returned: the execution and whether this call created it. */
  public record Started(String workflowId, String runId, boolean created) {}

  private final WorkflowClient client;

  public HandoffService(WorkflowClient client) {
    this.client = client;
  }

  public Started start(HandoffRequest request) {
    String workflowId = HandoffIds.workflowId(request.sessionId());
    Optional<WorkflowExecution> existing = describe(workflowId).map(d -> d.getExecution());
    if (existing.isPresent()) {
      return new Started(workflowId, existing.get().getRunId(), false);
    }
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(HandoffWorkflow.TASK_QUEUE)
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
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
      return new Started(workflowId, execution.getRunId(), true);
    } catch (io.temporal.client.WorkflowExecutionAlreadyStarted raced) {
      return new Started(workflowId, raced.getExecution().getRunId(), false);
    }
  }

  public Optional<HandoffStatus> status(String sessionId) {
    try {
      return Optional.ofNullable(stub(sessionId).status());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Returns false when there is no such handoff. */
  public boolean inboundMessage(String sessionId, InboundMessage message) {
    return signal(sessionId, "inboundMessage", message);
  }

  public boolean close(String sessionId, CloseRequest request) {
    return signal(sessionId, "close", request);
  }

  public boolean decide(String sessionId, OperatorDecision decision) {
    return signal(sessionId, "decide", decision);
  }

  /**
   * Handoffs in a phase, by visibility query (needs a server with visibility, not the test one).
   */
  public List<WorkflowExecutionMetadata> list(String phase) {
    return client
        .listExecutions("WorkflowType='HandoffWorkflow' AND HandoffStatus='" + phase + "'")
        .limit(500)
        .toList();
  }

  private boolean signal(String sessionId, String name, Object argument) {
    try {
      client.newUntypedWorkflowStub(HandoffIds.workflowId(sessionId)).signal(name, argument);
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  private HandoffWorkflow stub(String sessionId) {
    return client.newWorkflowStub(HandoffWorkflow.class, HandoffIds.workflowId(sessionId));
  }

  private Optional<WorkflowExecutionMetadata> describe(String workflowId) {
    try {
      return Optional.of(client.newUntypedWorkflowStub(workflowId).describe());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }
}
