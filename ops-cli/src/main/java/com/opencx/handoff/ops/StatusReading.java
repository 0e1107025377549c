package com.opencx.handoff.ops;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.HandoffSearchAttributes;
import com.opencx.handoff.workflows.model.HandoffStatus;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.time.Instant;
import java.util.Locale;

/**
 * What {@code show} prints: the workflow's status document when a worker answers the query within
 * the timeout, else what the server itself records (execution status and search attributes), marked
 * as such with the reason. The describe comes first: it needs no worker, so "no such handoff" is
 * told quickly and apart from "no worker answered". Top-level fields are the same in both cases, so
 * a script can read {@code phase}, {@code step} and {@code lastErrorType} from either; {@code
 * status} is present only when the worker answered.
 */
@JsonPropertyOrder({
  "sessionId",
  "workflowId",
  "execution",
  "source",
  "note",
  "phase",
  "step",
  "lastErrorType",
  "lastError",
  "startedAt",
  "closedAt",
  "workstreamId",
  "workItemId",
  "status"
})
record StatusReading(
    String sessionId,
    String workflowId,
    String execution,
    String source,
    String note,
    String phase,
    String step,
    String lastErrorType,
    String lastError,
    Instant startedAt,
    Instant closedAt,
    String workstreamId,
    String workItemId,
    HandoffStatus status) {

  static final String FROM_QUERY = "status-query";
  static final String FROM_SEARCH_ATTRIBUTES = "search-attributes";

  boolean fromQuery() {
    return status != null;
  }

  /** Reads the handoff of {@code sessionId}; exit 3 when Temporal has never heard of it. */
  static StatusReading read(TemporalConnection temporal, String sessionId) {
    String workflowId = HandoffIds.workflowId(sessionId);
    WorkflowStub stub = temporal.client().newUntypedWorkflowStub(workflowId);
    WorkflowExecutionDescription description;
    try {
      description = temporal.within(stub::describe);
    } catch (WorkflowNotFoundException e) {
      throw CliFailure.notFound(
          "no handoff for session "
              + sessionId
              + " ("
              + workflowId
              + "): never started, or older than the namespace's retention");
    }
    SearchAttributes attributes = description.getTypedSearchAttributes();
    String execution = execution(description);
    String note;
    try {
      HandoffStatus status = temporal.within(() -> stub.query("status", HandoffStatus.class));
      if (status != null) {
        return new StatusReading(
            sessionId,
            workflowId,
            execution,
            FROM_QUERY,
            null,
            status.phase() == null ? null : status.phase().name(),
            status.step() == null ? null : status.step().name(),
            status.lastErrorType(),
            status.lastError(),
            description.getStartTime(),
            description.getCloseTime(),
            status.workstreamId(),
            status.workItemId(),
            status);
      }
      note = "the status query answered nothing";
    } catch (WorkflowException | io.temporal.common.converter.DataConverterException e) {
      // Never the message: a failed query's message may quote the workflow's arguments.
      note =
          Failures.isNoAnswer(e)
              ? "no worker answered the status query within "
                  + temporal.millis()
                  + " (down or behind a backlog)"
              : "the status query failed (" + rootCause(e) + ")";
    }
    return new StatusReading(
        sessionId,
        workflowId,
        execution,
        FROM_SEARCH_ATTRIBUTES,
        note
            + "; this is what the workflow last recorded in its search attributes (no lastError"
            + " message: that is only in the status document)",
        get(attributes, HandoffSearchAttributes.STATUS),
        get(attributes, HandoffSearchAttributes.STEP),
        get(attributes, HandoffSearchAttributes.ERROR_TYPE),
        null,
        description.getStartTime(),
        description.getCloseTime(),
        get(attributes, HandoffSearchAttributes.WORKSTREAM_ID),
        get(attributes, HandoffSearchAttributes.WORK_ITEM_ID),
        null);
  }

  /** "WORKFLOW_EXECUTION_STATUS_TIMED_OUT" as "TimedOut", the Temporal UI's spelling. */
  private static String execution(WorkflowExecutionDescription description) {
    StringBuilder name = new StringBuilder();
    for (String word :
        description.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "").split("_")) {
      name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return name.toString();
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName();
  }

  private static <T> T get(SearchAttributes attributes, SearchAttributeKey<T> key) {
    return attributes.containsKey(key) ? attributes.get(key) : null;
  }
}
