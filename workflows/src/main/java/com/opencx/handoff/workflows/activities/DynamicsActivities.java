package com.opencx.handoff.workflows.activities;

import com.opencx.handoff.workflows.model.ContactRule;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;

/**
 * Everything the handoff does in Dynamics 365 Omnichannel through the Dataverse Web API. Every
 * write uses an id chosen by the workflow ({@link com.opencx.handoff.workflows.HandoffIds}), so
 * each method may run twice.
 */
@ActivityInterface
public interface DynamicsActivities {

  /** Step 2: email first, then phone; exactly one active match links it (SPEC §4.2). */
  ContactMatch resolveContact(ContactQuery query);

  /**
   * Step 3: the live work item (conversation) with its context items, created only if absent: a
   * retry that finds it already there reports {@code alreadyExisted} and succeeds.
   */
  WorkItemCreated createWorkItem(WorkItemDraft draft);

  /** Writes the template window's closing time and state onto the work item's context items. */
  void updateTemplateWindow(WindowUpdate update);

  /** True when the rep's conversation is closed or resolved (statecode 1 or 2). */
  boolean isConversationClosed(String workItemId);

  /**
   * Closes the rep's conversation (statecode 1, statuscode 4); only when an operator cancels with
   * {@code closeWorkItem}. A work item that no longer exists is left as it is.
   */
  void closeWorkItem(String workItemId);

  /** What to look the contact up by; either may be null. */
  record ContactQuery(String email, String phoneE164) {}

  /**
   * The linked contact (null unless {@code rule.links()}), the rule that decided, and the
   * workstream this worker routes to when the request names none, so the handoff shows and searches
   * by the workstream in effect before anything is created.
   */
  record ContactMatch(String contactId, ContactRule rule, String defaultWorkstreamId) {

    public ContactMatch(String contactId, ContactRule rule) {
      this(contactId, rule, null);
    }
  }

  /**
   * The work item to create. Subject and description are shaped from {@code summary} by the
   * activity (subject ≤ 200 characters at a word boundary, description ≤ 2000).
   */
  record WorkItemDraft(
      String workItemId,
      String sessionId,
      String workstreamId,
      String contactId,
      String summary,
      String phoneE164,
      Instant windowClosesAt) {}

  /** The created (or found) work item and the workstream it was routed to. */
  record WorkItemCreated(String workItemId, boolean alreadyExisted, String workstreamId) {

    public WorkItemCreated(String workItemId, boolean alreadyExisted) {
      this(workItemId, alreadyExisted, null);
    }
  }

  /** New template window state for the work item's context items. */
  record WindowUpdate(String workItemId, String sessionId, Instant closesAt, boolean open) {}
}
