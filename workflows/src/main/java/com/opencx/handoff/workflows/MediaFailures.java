package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.activities.FailureTypes;
import io.temporal.failure.ActivityFailure;

/**
 * Words a media transfer's final failure for the rep, who reads it in the note that stands in for
 * the file ("It was not attached because …"), and for the status and audit. The cause decides the
 * sentence: Dynamics refusing the file is the customer's file, retries running out is ours.
 */
final class MediaFailures {

  private MediaFailures() {}

  static String reasonFor(ActivityFailure failure) {
    String detail = StepRunner.describe(failure);
    String type = StepRunner.typeOf(failure);
    if (FailureTypes.DATAVERSE_BAD_REQUEST.equals(type)) {
      return "Dynamics refused the file (" + detail + ")";
    }
    if (FailureTypes.DATAVERSE_FORBIDDEN.equals(type)
        || FailureTypes.DATAVERSE_UNAUTHORIZED.equals(type)) {
      return "this service may not add files to the conversation (" + detail + ")";
    }
    if (FailureTypes.DATAVERSE_NOT_FOUND.equals(type)) {
      return "Dynamics no longer finds the conversation or the file's place (" + detail + ")";
    }
    if (FailureTypes.OPENCX_REJECTED_CALL.equals(type)) {
      return "OpenCX refused to hand the file over (" + detail + ")";
    }
    return "its transfer kept failing until its retries ran out (" + detail + ")";
  }
}
