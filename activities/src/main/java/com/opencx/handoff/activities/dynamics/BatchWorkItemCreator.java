package com.opencx.handoff.activities.dynamics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemCreated;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemDraft;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the conversation ({@code msdyn_ocliveworkitem}) and its four context items in one round
 * trip: a {@code $batch} whose single change set holds five conditional {@code PATCH} requests with
 * ids chosen by the workflow. A change set is atomic, so on a retry the first request's 412 ("a
 * record with this id exists") proves the whole set was committed earlier: that is success with
 * {@code alreadyExisted}. Any other failed request maps like a top-level error.
 */
final class BatchWorkItemCreator implements WorkItemCreator {

  static final String ENTITY_SET = "msdyn_ocliveworkitems";

  private final DataverseClient client;

  BatchWorkItemCreator(DataverseClient client) {
    this.client = client;
  }

  @Override
  public WorkItemCreated create(WorkItemDraft draft) {
    String id = draft.workItemId();
    List<ODataBatch.Part> parts = new ArrayList<>();
    parts.add(part(ENTITY_SET + "(" + id + ")", workItem(draft)));
    contextItem(parts, id, ContextItems.SESSION_ID, draft.sessionId());
    contextItem(parts, id, ContextItems.CHANNEL, ContextItems.WHATSAPP);
    contextItem(parts, id, ContextItems.CUSTOMER_PHONE, draft.phoneE164());
    contextItem(
        parts, id, ContextItems.WINDOW_CLOSES_AT, ContextItems.instant(draft.windowClosesAt()));

    List<ODataBatch.PartResponse> responses = client.changeSet(id, parts);
    ODataBatch.PartResponse failed =
        responses.stream().filter(r -> !r.ok()).findFirst().orElse(null);
    if (failed == null) {
      if (responses.size() != parts.size()) {
        throw new DataverseException(
            0,
            "",
            responses.size() + " answers to " + parts.size() + " requests",
            "POST $batch",
            null,
            null);
      }
      return new WorkItemCreated(id, false, draft.workstreamId());
    }
    boolean workItemPart = failed.contentId() == null || "1".equals(failed.contentId());
    if (failed.status() == 412 && workItemPart) {
      return new WorkItemCreated(id, true, draft.workstreamId());
    }
    String entitySet = workItemPart ? ENTITY_SET : ContextItems.ENTITY_SET;
    throw DataverseException.fromBatchPart(failed, "PATCH " + entitySet + " in $batch");
  }

  private static ObjectNode workItem(WorkItemDraft draft) {
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    item.put("subject", WorkItemSubject.subject(draft.summary()));
    String description = WorkItemSubject.description(draft.summary());
    if (description != null) {
      item.put("description", description);
    }
    item.put(
        "msdyn_liveworkstreamid_msdyn_ocliveworkitem@odata.bind",
        "/msdyn_liveworkstreams(" + draft.workstreamId() + ")");
    if (draft.contactId() != null && !draft.contactId().isBlank()) {
      item.put(
          "msdyn_customer_msdyn_ocliveworkitem_contact@odata.bind",
          "/contacts(" + draft.contactId() + ")");
    }
    return item;
  }

  private void contextItem(List<ODataBatch.Part> parts, String id, String name, String value) {
    parts.add(part(ContextItems.resource(id, name), ContextItems.body(id, name, value)));
  }

  private ODataBatch.Part part(String resource, JsonNode body) {
    return new ODataBatch.Part(client.url(resource).toString(), "*", bytes(body));
  }

  static byte[] bytes(JsonNode body) {
    try {
      return DataverseClient.MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
