package com.opencx.handoff.starter.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.opencx.handoff.workflows.HandoffSearchAttributes;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.Step;
import io.swagger.v3.oas.annotations.media.Schema;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;

/**
 * A handoff's state as Temporal itself records it: the search attributes set at the start and
 * upserted by the workflow as its phase changes (with the parked step's failure type), and the
 * execution's status. The server answers a describe without a worker, so this is what the API
 * serves when the worker cannot answer the status query, and how it tells a finished handoff
 * (signals answer NOT_FOUND) from a session never seen. It holds no customer data: neither do the
 * search attributes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
    description =
        "A handoff's state as Temporal records it, served when no worker answered the status"
            + " query in time.")
public record RecordedState(
    String sessionId,
    String workflowId,
    Phase phase,
    Step step,
    String workstreamId,
    String workItemId,
    Boolean contactLinked,
    Window window,
    String lastErrorType,
    @Schema(description = "Temporal's status of the run.", example = "Running")
        String executionStatus,
    @Schema(description = "Where this came from.", allowableValues = "search-attributes")
        String source,
    @Schema(description = "Why the status came from here.") String note) {

  /** The template window as far as the search attributes know it: open or not, no closing time. */
  public record Window(Boolean open) {}

  static RecordedState of(String sessionId, WorkflowExecutionDescription description) {
    SearchAttributes attributes = description.getTypedSearchAttributes();
    Boolean windowOpen = get(attributes, HandoffSearchAttributes.TEMPLATE_WINDOW_OPEN);
    return new RecordedState(
        sessionId,
        description.getExecution().getWorkflowId(),
        phase(get(attributes, HandoffSearchAttributes.STATUS), description.getStatus()),
        enumValue(Step.class, get(attributes, HandoffSearchAttributes.STEP)),
        get(attributes, HandoffSearchAttributes.WORKSTREAM_ID),
        get(attributes, HandoffSearchAttributes.WORK_ITEM_ID),
        get(attributes, HandoffSearchAttributes.CONTACT_LINKED),
        windowOpen == null ? null : new Window(windowOpen),
        get(attributes, HandoffSearchAttributes.ERROR_TYPE),
        executionStatus(description.getStatus()),
        "search-attributes",
        null);
  }

  RecordedState withNote(String text) {
    return new RecordedState(
        sessionId,
        workflowId,
        phase,
        step,
        workstreamId,
        workItemId,
        contactLinked,
        window,
        lastErrorType,
        executionStatus,
        source,
        text);
  }

  /**
   * The recorded phase; before the workflow's first task runs there is none, and a run that was
   * terminated or timed out never recorded its end, so the execution status stands in.
   */
  private static Phase phase(String recorded, WorkflowExecutionStatus status) {
    Phase phase = enumValue(Phase.class, recorded);
    boolean running = status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    if (phase != null && (running || phase.isFinal())) {
      return phase;
    }
    return switch (status) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> Phase.InProgress;
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> Phase.Closed;
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> Phase.Cancelled;
      default -> Phase.Failed;
    };
  }

  /** "WORKFLOW_EXECUTION_STATUS_TIMED_OUT" as "TimedOut", the Temporal UI's spelling. */
  private static String executionStatus(WorkflowExecutionStatus status) {
    StringBuilder name = new StringBuilder();
    for (String word : status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").split("_")) {
      name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return name.toString();
  }

  private static <T> T get(SearchAttributes attributes, SearchAttributeKey<T> key) {
    return attributes.containsKey(key) ? attributes.get(key) : null;
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
    if (name == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException unknownToThisVersion) {
      return null;
    }
  }
}
