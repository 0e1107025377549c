package com.opencx.handoff.activities.dynamics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencx.handoff.workflows.HandoffIds;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The conversation's context items (the variables the rep sees): their names, their deterministic
 * ids ({@link HandoffIds#contextItemId}) and their request bodies, shared by the work-item create
 * and the template-window update so both write exactly the same names and navigation property.
 */
final class ContextItems {

  static final String ENTITY_SET = "msdyn_ocliveworkitemcontextitems";
  static final String SESSION_ID = "sessionId";
  static final String CHANNEL = "channel";
  static final String CUSTOMER_PHONE = "customerPhone";
  static final String WINDOW_CLOSES_AT = "whatsappWindowClosesAt";
  static final String WINDOW_OPEN = "whatsappWindowOpen";
  static final String WHATSAPP = "whatsapp";

  private ContextItems() {}

  /** The resource path of one context item, e.g. {@code msdyn_ocliveworkitemcontextitems(<id>)}. */
  static String resource(String workItemId, String name) {
    return ENTITY_SET + "(" + HandoffIds.contextItemId(workItemId, name) + ")";
  }

  /** The full record: name, value, displayable, bound to the conversation. */
  static ObjectNode body(String workItemId, String name, String value) {
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    item.put("msdyn_name", name);
    item.put("msdyn_value", value);
    item.put("msdyn_isdisplayable", true);
    item.put("msdyn_ocliveworkitemid@odata.bind", "/msdyn_ocliveworkitems(" + workItemId + ")");
    return item;
  }

  /** ISO-8601 UTC to the second, e.g. {@code 2026-11-25T10:00:00Z}. */
  static String instant(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
