package com.opencx.handoff.logging;

import com.opencx.handoff.workflows.HandoffIds;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The handoff's ids on a log line, under one set of names whatever put them there. The Temporal SDK
 * fills the MDC of workflow and activity threads with {@code WorkflowId}, {@code RunId}, {@code
 * ActivityType}, {@code Attempt} and more; the API puts {@code sessionId} there while it serves a
 * request about one session. A line from a handoff's workflow or activity gets its {@code
 * sessionId} from its workflow id ({@code whatsapp-handoff-<sessionId>}), so every line that
 * concerns a handoff can be found by the id OpenCX knows. Session ids are not customer data (SPEC
 * §4.4).
 */
final class LogContext {

  /** The MDC key the API sets and every line is searched by. */
  static final String SESSION_ID = "sessionId";

  /**
   * The SDK's MDC keys (io.temporal.internal.logging.LoggerTag) and the names we log them under.
   */
  static final Map<String, String> TEMPORAL_NAMES =
      Map.of(
          "WorkflowId", "workflowId",
          "RunId", "runId",
          "WorkflowType", "workflowType",
          "ActivityType", "activityType",
          "ActivityId", "activityId",
          "Attempt", "attempt",
          "TaskQueue", "taskQueue",
          "Namespace", "namespace",
          "UpdateName", "updateName",
          "UpdateId", "updateId");

  private LogContext() {}

  /** The line's MDC under our names, {@code sessionId} first when there is one. */
  static Map<String, String> of(Map<String, String> mdc) {
    Map<String, String> named = new LinkedHashMap<>();
    String sessionId = sessionId(mdc);
    if (sessionId != null) {
      named.put(SESSION_ID, sessionId);
    }
    mdc.forEach(
        (key, value) -> {
          if (!SESSION_ID.equals(key)) {
            named.put(TEMPORAL_NAMES.getOrDefault(key, key), value);
          }
        });
    return named;
  }

  static String sessionId(Map<String, String> mdc) {
    String explicit = mdc.get(SESSION_ID);
    if (explicit != null) {
      return explicit;
    }
    String workflowId = mdc.get("WorkflowId");
    if (workflowId != null && workflowId.startsWith(HandoffIds.WORKFLOW_ID_PREFIX)) {
      return workflowId.substring(HandoffIds.WORKFLOW_ID_PREFIX.length());
    }
    return null;
  }
}
