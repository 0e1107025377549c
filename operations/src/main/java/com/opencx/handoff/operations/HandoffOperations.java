package com.opencx.handoff.operations;

import com.google.protobuf.ByteString;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.HandoffSearchAttributes;
import com.opencx.handoff.workflows.model.ActionTaken;
import com.opencx.handoff.workflows.model.CancelRequest;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.RetryRequest;
import com.opencx.handoff.workflows.model.SkipRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * What ops do to handoffs, over a Temporal client: list them a page at a time from their search
 * attributes (SPEC §5.4), and send the operator Updates ({@code retry}, {@code skip}, {@code
 * cancel}), whose validator's refusal comes back as {@link OperatorActionRefused}. Both the HTTP
 * API and the ops command go through here, so they list and act alike. Every call runs under a
 * deadline: with no worker polling, an Update would otherwise wait as long as Temporal lets it.
 */
public final class HandoffOperations implements AutoCloseable {

  /** The most rows one page may ask for. */
  public static final int MAX_PAGE_SIZE = 1000;

  private final WorkflowClient client;
  private final CallDeadline deadline;

  public HandoffOperations(WorkflowClient client, Duration deadline) {
    this.client = client;
    this.deadline = new CallDeadline(deadline, "handoff-operations-deadlines");
  }

  /**
   * One page of handoffs, newest first: those in {@code status} (running ones only, for a phase
   * that is not final), or all when it is null. {@code cursor} is null for the first page, else the
   * previous page's {@code nextCursor}.
   */
  public HandoffPage list(Phase status, int pageSize, String cursor) {
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("pageSize must be 1-" + MAX_PAGE_SIZE);
    }
    String query = "WorkflowType='HandoffWorkflow'";
    if (status != null) {
      query += " AND " + HandoffSearchAttributes.STATUS.getName() + "='" + status.name() + "'";
    }
    if (status == null) {
      // A run that continued as new is the same handoff as the run it started: list it once.
      query += " AND ExecutionStatus!='ContinuedAsNew'";
    } else if (!status.isFinal()) {
      // A closed run keeps the phase it last recorded: without this, a handoff terminated while
      // parked would be listed as stuck forever, and one that continued as new twice.
      query += " AND ExecutionStatus='Running'";
    }
    ListWorkflowExecutionsRequest.Builder request =
        ListWorkflowExecutionsRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setQuery(query)
            .setPageSize(pageSize);
    if (cursor != null && !cursor.isEmpty()) {
      request.setNextPageToken(ByteString.copyFrom(decodeCursor(cursor)));
    }
    ListWorkflowExecutionsResponse response =
        deadline.call(
            () ->
                client
                    .getWorkflowServiceStubs()
                    .blockingStub()
                    .listWorkflowExecutions(request.build()));
    List<HandoffRow> rows =
        response.getExecutionsList().stream()
            .map(
                info ->
                    row(
                        new WorkflowExecutionMetadata(
                            info, client.getOptions().getDataConverter())))
            .toList();
    ByteString next = response.getNextPageToken();
    return new HandoffPage(
        rows,
        next.isEmpty()
            ? null
            : Base64.getUrlEncoder().withoutPadding().encodeToString(next.toByteArray()));
  }

  public ActionTaken retry(String sessionId, RetryRequest request) {
    return update(sessionId, "retry", request);
  }

  public ActionTaken skip(String sessionId, SkipRequest request) {
    return update(sessionId, "skip", request);
  }

  public ActionTaken cancel(String sessionId, CancelRequest request) {
    return update(sessionId, "cancel", request);
  }

  private ActionTaken update(String sessionId, String name, Object argument) {
    try {
      return deadline.call(
          () ->
              client
                  .newUntypedWorkflowStub(HandoffIds.workflowId(sessionId))
                  .update(name, ActionTaken.class, argument));
    } catch (WorkflowUpdateException refused) {
      if (refused.getCause() instanceof ApplicationFailure why) {
        throw new OperatorActionRefused(why.getType(), why.getOriginalMessage());
      }
      throw refused;
    } catch (WorkflowNotFoundException gone) {
      throw new HandoffNotRunning(sessionId);
    } catch (WorkflowServiceException e) {
      if (isDeadline(e)) {
        throw new WorkerDidNotAnswer(name, sessionId, deadline.limit());
      }
      throw e;
    }
  }

  private static boolean isDeadline(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException grpc
          && (grpc.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED
              || grpc.getStatus().getCode() == Status.Code.CANCELLED)) {
        return true;
      }
    }
    return false;
  }

  static HandoffRow row(WorkflowExecutionMetadata execution) {
    SearchAttributes attributes = execution.getTypedSearchAttributes();
    return new HandoffRow(
        get(attributes, HandoffSearchAttributes.SESSION_ID),
        execution.getExecution().getWorkflowId(),
        get(attributes, HandoffSearchAttributes.STATUS),
        get(attributes, HandoffSearchAttributes.STEP),
        get(attributes, HandoffSearchAttributes.ERROR_TYPE),
        get(attributes, HandoffSearchAttributes.WORKSTREAM_ID),
        get(attributes, HandoffSearchAttributes.WORK_ITEM_ID),
        get(attributes, HandoffSearchAttributes.CONTACT_LINKED),
        get(attributes, HandoffSearchAttributes.TEMPLATE_WINDOW_OPEN),
        execution.getStartTime(),
        execution.getCloseTime());
  }

  private static <T> T get(SearchAttributes attributes, SearchAttributeKey<T> key) {
    return attributes.containsKey(key) ? attributes.get(key) : null;
  }

  private static byte[] decodeCursor(String cursor) {
    try {
      return Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cursor is not one this list returned");
    }
  }

  @Override
  public void close() {
    deadline.close();
  }
}
