package com.opencx.handoff.workflows;

import io.temporal.failure.ApplicationFailure;
import java.util.regex.Pattern;

/**
 * Why an operator's Update was refused: the failure type a validator refuses with (a caller maps
 * it, e.g. the API to 409) and a message that says what to do instead. Nothing refused reaches the
 * history: Temporal drops a rejected Update before it is recorded.
 */
public final class OperatorRefusals {

  /** Retry and skip apply only to a handoff parked in NeedsAttention. */
  public static final String NOT_PARKED = "NotParked";

  /** The parked step is one the handoff cannot do without. */
  public static final String NOT_SKIPPABLE = "NotSkippable";

  /** Another operator action reached the parked step first and has not been taken up yet. */
  public static final String ACTION_PENDING = "ActionPending";

  /** A cancel, close or ending is already under way; or it has ended. */
  public static final String ENDING = "HandoffEnding";

  /** The workstream id is not a GUID, or the work item already exists on its workstream. */
  public static final String BAD_WORKSTREAM = "WorkstreamNotChangeable";

  static final Pattern GUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private OperatorRefusals() {}

  static ApplicationFailure refuse(String type, String message) {
    return ApplicationFailure.newNonRetryableFailure(message, type);
  }
}
