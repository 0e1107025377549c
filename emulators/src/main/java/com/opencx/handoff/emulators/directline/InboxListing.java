package com.opencx.handoff.emulators.directline;

import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rep's list of chats, so that the agent inbox page (and a test) can show beside each chat what
 * the Agent app shows: its work item, the context variables and the linked contact. Both are read
 * from what Omnichannel's routing wrote into the Dataverse emulator (the work item's context items
 * and its {@code _msdyn_customer_value}), not from the activity's {@code channelData}, so the inbox
 * shows what routing made of the handoff's first activity; before routing a chat has no work item,
 * an empty context and no contact. A chat is open until the rep ends it. Newest activity first: the
 * chat the customer just wrote in comes to the top, as in the Agent app.
 */
final class InboxListing {

  static final String CONTACTS = "contacts";

  private static final Comparator<Map<String, Object>> NEWEST_FIRST =
      Comparator.comparing(
              (Map<String, Object> line) -> (String) line.get("lastActivityAt"),
              Comparator.nullsFirst(Comparator.<String>naturalOrder()))
          .reversed()
          .thenComparing(line -> (String) line.get("conversationId"));

  private final DataverseEmulator dataverse;

  InboxListing(DataverseEmulator dataverse) {
    this.dataverse = Objects.requireNonNull(dataverse, "dataverse");
  }

  /** One line per conversation, newest activity first (those without any activity last). */
  List<Map<String, Object>> of(Collection<Conversation> conversations) {
    return conversations.stream().map(this::line).sorted(NEWEST_FIRST).toList();
  }

  private Map<String, Object> line(Conversation conversation) {
    List<Map<String, Object>> activities = conversation.all();
    String workItemId = conversation.workItemId().orElse(null);
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("conversationId", conversation.id);
    line.put("workItemId", workItemId);
    line.put("open", !conversation.endedByRep());
    line.put("contextVariables", workItemId == null ? Map.of() : contextVariables(workItemId));
    line.put("contact", workItemId == null ? null : contact(workItemId));
    // The service's timestamps share one fixed-width UTC format, so they sort as strings.
    line.put(
        "lastActivityAt",
        activities.isEmpty() ? null : activities.get(activities.size() - 1).get("timestamp"));
    line.put("activityCount", activities.size());
    return line;
  }

  /** {@code msdyn_name → msdyn_value} of the work item's context items, in the order written. */
  private Map<String, Object> contextVariables(String workItemId) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (Map<String, Object> item : dataverse.records(OmnichannelSimulation.CONTEXT_ITEMS)) {
      if (workItemId.equals(item.get("_msdyn_ocliveworkitemid_value"))) {
        variables.putIfAbsent(String.valueOf(item.get("msdyn_name")), item.get("msdyn_value"));
      }
    }
    return variables;
  }

  /** {@code {contactId, name}} of the work item's customer, or null when none is linked. */
  private Map<String, Object> contact(String workItemId) {
    Object contactId =
        dataverse
            .record(OmnichannelSimulation.WORK_ITEMS, workItemId)
            .map(row -> row.get("_msdyn_customer_value"))
            .orElse(null);
    if (!(contactId instanceof String id)) {
      return null;
    }
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("contactId", id);
    contact.put("name", dataverse.record(CONTACTS, id).map(InboxListing::name).orElse(null));
    return contact;
  }

  /** First and last name (the emulator's contacts have no {@code fullname}); null when neither. */
  private static String name(Map<String, Object> contact) {
    String name =
        Stream.of(contact.get("firstname"), contact.get("lastname"))
            .filter(part -> part instanceof String s && !s.isBlank())
            .map(String::valueOf)
            .collect(Collectors.joining(" "));
    return name.isEmpty() ? null : name;
  }
}
