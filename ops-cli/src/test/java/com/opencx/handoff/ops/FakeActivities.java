package com.opencx.handoff.ops;

import com.opencx.handoff.workflows.activities.AuditActivities;
import com.opencx.handoff.workflows.activities.DynamicsActivities;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.activities.MediaActivities;
import com.opencx.handoff.workflows.activities.PolicyActivities;
import com.opencx.handoff.workflows.activities.SessionActivities;
import com.opencx.handoff.workflows.model.ContactRule;
import com.opencx.handoff.workflows.model.HandoffPolicy;
import com.opencx.handoff.workflows.model.MediaOutcome;
import io.temporal.failure.ApplicationFailure;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Happy-path OpenCX and Dynamics for the real workflow, with the two ways the ops tests park a
 * handoff: a workstream Dynamics does not know (404 at CreateWorkItem, a step that cannot be
 * skipped) and a session whose audit OpenCX refuses (403 at WriteAudit, a step that can). A test
 * "fixes" Dynamics by removing a workstream from {@link #missingWorkstreams}, as an admin creating
 * it would, so that a plain retry then succeeds.
 */
final class FakeActivities {

  static final String CONTACT_ID = "0c6ad6f3-0000-4000-8000-000000000001";

  /** Sessions whose id starts with this cannot write their audit: the WriteAudit step parks. */
  static final String AUDIT_DOWN = "auditdown-";

  final Set<String> missingWorkstreams = ConcurrentHashMap.newKeySet();

  Object[] all() {
    return new Object[] {
      new Sessions(), new Dynamics(), new Media(), new Audit(), (PolicyActivities) () -> policy()
    };
  }

  /** The Dataverse ones, for a worker of the Dataverse task queue. */
  Object[] dataverse() {
    return new Object[] {new Dynamics(), new Media()};
  }

  private static HandoffPolicy policy() {
    return HandoffPolicy.DEFAULTS;
  }

  static final class Sessions implements SessionActivities {
    @Override
    public ValidatedSession validateSession(ValidateSessionInput input) {
      var customer = input.request().customer();
      return new ValidatedSession(customer.phone(), customer.email(), customer.name());
    }

    @Override
    public void markSessionHandedOff(MarkHandedOffInput input) {}

    @Override
    public void notifyHandoffFailed(HandoffFailedInput input) {}
  }

  final class Dynamics implements DynamicsActivities {
    @Override
    public ContactMatch resolveContact(ContactQuery query) {
      return new ContactMatch(CONTACT_ID, ContactRule.Email);
    }

    @Override
    public WorkItemCreated createWorkItem(WorkItemDraft draft) {
      if (missingWorkstreams.contains(draft.workstreamId())) {
        throw ApplicationFailure.newNonRetryableFailure(
            "404 workstream " + draft.workstreamId() + " does not exist",
            FailureTypes.DATAVERSE_NOT_FOUND);
      }
      return new WorkItemCreated(draft.workItemId(), false);
    }

    @Override
    public void updateTemplateWindow(WindowUpdate update) {}

    @Override
    public boolean isConversationClosed(String workItemId) {
      return false;
    }

    @Override
    public void closeWorkItem(String workItemId) {}
  }

  static final class Media implements MediaActivities {
    @Override
    public MediaOutcome attachMedia(MediaAttachment attachment) {
      return new MediaOutcome(
          attachment.item().mediaId(),
          MediaOutcome.Status.Attached,
          attachment.annotationId(),
          null);
    }

    @Override
    public MediaOutcome noteNotAttached(MediaAttachment attachment, String reason) {
      return new MediaOutcome(
          attachment.item().mediaId(),
          MediaOutcome.Status.Skipped,
          attachment.annotationId(),
          reason);
    }
  }

  static final class Audit implements AuditActivities {
    @Override
    public void writeAuditEvent(AuditEvent event) {
      if (event.sessionId().startsWith(AUDIT_DOWN)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "OpenCX refused the audit event: 403", FailureTypes.OPENCX_REJECTED_CALL);
      }
    }
  }
}
