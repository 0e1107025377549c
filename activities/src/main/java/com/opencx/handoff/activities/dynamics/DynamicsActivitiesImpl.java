package com.opencx.handoff.activities.dynamics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencx.handoff.workflows.activities.DynamicsActivities;
import com.opencx.handoff.workflows.activities.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Dynamics 365 activities of the handoff over one shared {@link DataverseClient}: contact
 * lookup, work item creation through a {@link WorkItemCreator}, template-window context items and
 * the conversation-state check. Its own job is the boundary: a draft without a workstream gets the
 * configured one, inputs that could only come from a workflow bug fail non-retryably, and every
 * {@link DataverseException} leaves as the Temporal failure type the workflow decides on.
 */
public final class DynamicsActivitiesImpl implements DynamicsActivities {

  private static final Logger log = LoggerFactory.getLogger(DynamicsActivitiesImpl.class);

  private final DataverseClient client;
  private final DataverseSettings settings;
  private final ContactResolver contacts;
  private final WorkItemCreator workItems;

  public DynamicsActivitiesImpl(DataverseClient client, DataverseSettings settings) {
    this(client, settings, new BatchWorkItemCreator(client));
  }

  DynamicsActivitiesImpl(
      DataverseClient client, DataverseSettings settings, WorkItemCreator workItems) {
    this.client = client;
    this.settings = settings;
    this.contacts = new ContactResolver(client, settings);
    this.workItems = workItems;
  }

  @Override
  public ContactMatch resolveContact(ContactQuery query) {
    ContactMatch match = call(() -> contacts.resolve(query));
    log.info("contact resolution: {}", match.rule());
    // The workflow shows (and searches by) the workstream in effect from here on.
    return new ContactMatch(match.contactId(), match.rule(), settings.workstreamId());
  }

  @Override
  public WorkItemCreated createWorkItem(WorkItemDraft draft) {
    String workstream =
        draft.workstreamId() == null || draft.workstreamId().isBlank()
            ? settings.workstreamId()
            : draft.workstreamId().strip();
    requireGuid(draft.workItemId(), "workItemId");
    requireGuid(workstream, "workstreamId");
    if (draft.contactId() != null && !draft.contactId().isBlank()) {
      requireGuid(draft.contactId(), "contactId");
    }
    if (draft.windowClosesAt() == null || draft.phoneE164() == null) {
      throw invalid("windowClosesAt and phoneE164 are required");
    }
    WorkItemDraft resolved =
        new WorkItemDraft(
            draft.workItemId(),
            draft.sessionId(),
            workstream,
            draft.contactId(),
            draft.summary(),
            draft.phoneE164(),
            draft.windowClosesAt());
    WorkItemCreated created = call(() -> workItems.create(resolved));
    log.info(
        "work item {} {} on workstream {}",
        created.workItemId(),
        created.alreadyExisted() ? "already existed" : "created",
        workstream);
    return created;
  }

  @Override
  public void updateTemplateWindow(WindowUpdate update) {
    requireGuid(update.workItemId(), "workItemId");
    if (update.closesAt() == null) {
      throw invalid("closesAt is required");
    }
    String id = update.workItemId();
    List<ODataBatch.Part> parts =
        List.of(
            upsert(id, ContextItems.WINDOW_CLOSES_AT, ContextItems.instant(update.closesAt())),
            upsert(id, ContextItems.WINDOW_OPEN, Boolean.toString(update.open())));
    call(
        () -> {
          for (ODataBatch.PartResponse response : client.changeSet(id + ":window", parts)) {
            if (!response.ok()) {
              throw DataverseException.fromBatchPart(
                  response, "PATCH " + ContextItems.ENTITY_SET + " in $batch");
            }
          }
          return null;
        });
  }

  @Override
  public boolean isConversationClosed(String workItemId) {
    requireGuid(workItemId, "workItemId");
    return call(
        () -> {
          try {
            JsonNode item =
                client.get(
                    BatchWorkItemCreator.ENTITY_SET + "(" + workItemId + ")",
                    Map.of("$select", "statecode,statuscode"));
            int state = item.path("statecode").asInt(0);
            return state == 1 || state == 2;
          } catch (DataverseException e) {
            if (e.status() != 404) {
              throw e;
            }
            // Deleted: nobody can work the conversation any more, so the handoff is over.
            log.warn("work item {} no longer exists; treating it as closed", workItemId);
            return true;
          }
        });
  }

  @Override
  public void closeWorkItem(String workItemId) {
    requireGuid(workItemId, "workItemId");
    call(
        () -> {
          // statecode 1 Closed always travels with its statuscode 4 Closed (reference
          // §Conversation).
          ObjectNode closed = JsonNodeFactory.instance.objectNode();
          closed.put("statecode", 1).put("statuscode", 4);
          if (!client.updateIfPresent(BatchWorkItemCreator.ENTITY_SET, workItemId, closed)) {
            log.warn("work item {} no longer exists; nothing to close", workItemId);
          }
          return null;
        });
  }

  private ODataBatch.Part upsert(String workItemId, String name, String value) {
    return new ODataBatch.Part(
        client.url(ContextItems.resource(workItemId, name)).toString(),
        null,
        BatchWorkItemCreator.bytes(ContextItems.body(workItemId, name, value)));
  }

  private static <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (DataverseException e) {
      // Dataverse's message may echo a value we sent; the failure (encrypted by the codec) has it.
      log.warn("{} failed: HTTP {} {}", e.operation(), e.status(), e.errorCode());
      throw e.toApplicationFailure();
    }
  }

  private static void requireGuid(String value, String field) {
    if (!DataverseSettings.isGuid(value)) {
      throw invalid(field + " must be a GUID, got '" + value + "'");
    }
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newBuilder()
        .setType(FailureTypes.DATAVERSE_BAD_REQUEST)
        .setMessage(message)
        .setNonRetryable(true)
        .build();
  }
}
