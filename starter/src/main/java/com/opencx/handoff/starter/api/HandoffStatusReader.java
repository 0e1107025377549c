package com.opencx.handoff.starter.api;

import com.opencx.handoff.operations.CallDeadline;
import com.opencx.handoff.starter.security.ApiProperties;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.HandoffWorkflow;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Reads a handoff's status within a bounded time. The workflow's status query needs a worker to
 * replay the workflow; with every worker down or behind a backlog, Temporal would hold the call for
 * its own query timeout and then fail it. So the query runs under a gRPC deadline ({@code
 * handoff.api.query-timeout}), and when it is not answered the status comes from the server's
 * describe instead (search attributes, see {@link RecordedState}), marked as such. Only when the
 * server does not answer either is the call refused (503).
 */
@Component
public class HandoffStatusReader implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(HandoffStatusReader.class);

  /**
   * A status: the phase and step the API's own checks need, and the document the caller gets (the
   * query's {@link HandoffStatus}, or a {@link RecordedState}).
   */
  public record Reading(Phase phase, Step step, Object document, boolean fromQuery) {}

  private final WorkflowClient client;
  private final Duration timeout;
  private final CallDeadline deadline;

  public HandoffStatusReader(WorkflowClient client, ApiProperties properties) {
    this.client = client;
    this.timeout = properties.queryTimeout();
    this.deadline = new CallDeadline(timeout, "status-query-deadlines");
  }

  /** The status; throws NotFound for a session never seen, Unavailable when Temporal is silent. */
  public Reading read(String sessionId) {
    try {
      HandoffStatus status =
          deadline.call(
              () ->
                  client
                      .newWorkflowStub(HandoffWorkflow.class, HandoffIds.workflowId(sessionId))
                      .status());
      if (status != null) {
        return new Reading(status.phase(), status.step(), status, true);
      }
    } catch (WorkflowNotFoundException e) {
      throw ApiErrors.notFound(sessionId);
    } catch (WorkflowException e) {
      // Not the message: a query failure may quote the workflow's arguments.
      log.warn(
          "status query for session {} not answered ({}); serving the search attributes",
          sessionId,
          e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getName());
    }
    RecordedState recorded =
        recorded(sessionId)
            .withNote(
                "the worker did not answer the status query within "
                    + timeout.toMillis()
                    + " ms (down or behind a backlog); this is the state the workflow last"
                    + " recorded in its search attributes");
    return new Reading(recorded.phase(), recorded.step(), recorded, false);
  }

  /** What the server records, without a worker; NotFound for a session never seen. */
  public RecordedState recorded(String sessionId) {
    try {
      return RecordedState.of(
          sessionId,
          deadline.call(
              () -> client.newUntypedWorkflowStub(HandoffIds.workflowId(sessionId)).describe()));
    } catch (WorkflowNotFoundException e) {
      throw ApiErrors.notFound(sessionId);
    } catch (WorkflowServiceException e) {
      log.warn("describe for session {} failed: {}", sessionId, e.getCause());
      throw ApiErrors.unavailable(
          "Temporal did not answer within " + timeout.toMillis() + " ms; try again later");
    }
  }

  @Override
  public void destroy() {
    deadline.close();
  }
}
