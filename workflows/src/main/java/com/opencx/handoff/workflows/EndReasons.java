package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.OperatorDecision;
import java.time.Duration;

/**
 * The one place that words why a handoff ended, so that the status, the workflow result and the
 * audit all read the same sentence once ("closed by OpenCX: customer said thanks"), never a prefix
 * twice. Callers hand over what they were given (a reason or null); wording is decided only here.
 */
final class EndReasons {

  private EndReasons() {}

  /** OpenCX's {@code close}, with or without a reason of its own. */
  static String closedByOpenCx(CloseRequest close) {
    return withDetail("closed by OpenCX", close == null ? null : close.reason());
  }

  /** An operator's cancel, naming the operator; null when Temporal itself cancelled the run. */
  static String cancelled(OperatorDecision decision) {
    if (decision == null) {
      return "cancelled through Temporal (no operator or reason given)";
    }
    return withDetail("cancelled by " + operator(decision), decision.reason());
  }

  /** Who cancelled, as the audit records it. */
  static String operator(OperatorDecision decision) {
    return decision == null || blank(decision.operator())
        ? "temporal"
        : decision.operator().strip();
  }

  /** The rep's conversation ended in Dynamics. */
  static String closedInDynamics() {
    return "the rep's conversation is closed in Dynamics";
  }

  /** The rep ended the conversation on the Direct Line custom channel. */
  static String endedByRep() {
    return "the rep ended the conversation";
  }

  /** Nobody wrote for the whole silence limit. */
  static String silentFor(Duration silence) {
    return "no inbound message for " + span(silence);
  }

  /** "30 days", "12 hours" or "90 minutes": the largest whole unit, as the default always read. */
  static String span(Duration duration) {
    if (duration.toDays() > 0 && duration.equals(Duration.ofDays(duration.toDays()))) {
      return duration.toDays() + " days";
    }
    if (duration.toHours() > 0 && duration.equals(Duration.ofHours(duration.toHours()))) {
      return duration.toHours() + " hours";
    }
    if (duration.toMinutes() > 0) {
      return duration.toMinutes() + " minutes";
    }
    return duration.toSeconds() + " seconds";
  }

  /** A required step stayed broken until the parking deadline. */
  static String abandoned(String step, String error) {
    return "step " + step + " abandoned: " + error;
  }

  private static String withDetail(String what, String detail) {
    return blank(detail) ? what : what + ": " + detail.strip();
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
