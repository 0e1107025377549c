package com.opencx.handoff.activities.dynamics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactMatch;
import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactQuery;
import com.opencx.handoff.workflows.model.ContactRule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Finds the customer's active contact (SPEC §4.2) in as few requests as the data allows: one for
 * the email, one for both phone columns, and the exact per-column queries only when that page was
 * full and left the answer open ({@link ContactClassifier}). When enabled and nothing matched it
 * creates a contact whose id is derived from the phone, so a retried activity links the same one.
 */
final class ContactResolver {

  static final String ENTITY_SET = "contacts";

  private final DataverseClient client;
  private final DataverseSettings settings;

  ContactResolver(DataverseClient client, DataverseSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  ContactMatch resolve(ContactQuery query) {
    String email = blankToNull(query.email());
    String phone = blankToNull(query.phoneE164());
    if (email != null) {
      ContactMatch byEmail =
          ContactClassifier.email(ids(find("emailaddress1 eq " + literal(email))));
      if (byEmail != null) {
        return byEmail;
      }
    }
    if (phone != null && settings.phoneMatching()) {
      ContactMatch byPhone = byPhone(phone);
      if (byPhone.rule() != ContactRule.NoMatch) {
        return byPhone;
      }
    }
    if (phone != null && settings.createContactWhenMissing()) {
      return create(phone, email);
    }
    return new ContactMatch(null, ContactRule.NoMatch);
  }

  private ContactMatch byPhone(String phone) {
    String value = literal(phone);
    JsonNode page =
        get(
            "contactid,mobilephone,telephone1",
            "(mobilephone eq " + value + " or telephone1 eq " + value + ") and statecode eq 0",
            ContactClassifier.COMBINED_TOP);
    List<ContactClassifier.PhoneRow> rows = new ArrayList<>();
    for (JsonNode row : page.path("value")) {
      rows.add(
          new ContactClassifier.PhoneRow(
              row.path("contactid").asText(),
              row.path("mobilephone").asText(null),
              row.path("telephone1").asText(null)));
    }
    ContactMatch decided = ContactClassifier.phone(rows, phone);
    if (decided != null) {
      return decided;
    }
    ContactMatch mobile =
        ContactClassifier.column(ids(find("mobilephone eq " + value)), ContactRule.MobilePhone);
    if (mobile != null) {
      return mobile;
    }
    ContactMatch telephone =
        ContactClassifier.column(ids(find("telephone1 eq " + value)), ContactRule.Telephone1);
    return telephone != null ? telephone : new ContactMatch(null, ContactRule.NoMatch);
  }

  private ContactMatch create(String phone, String email) {
    String id = contactId(phone);
    ObjectNode contact = JsonNodeFactory.instance.objectNode();
    contact.put("mobilephone", phone);
    if (email != null) {
      contact.put("emailaddress1", email);
    }
    client.createIfAbsent(ENTITY_SET, id, contact);
    return new ContactMatch(id, ContactRule.Created);
  }

  /** The created contact's id: a name-based UUID of the phone, the same on every retry. */
  static String contactId(String phoneE164) {
    return UUID.nameUUIDFromBytes(
            ("opencx-handoff:contact:" + phoneE164).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** An OData string literal: single quotes around, a single quote inside doubled. */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private JsonNode find(String condition) {
    return get("contactid", condition + " and statecode eq 0", ContactClassifier.COLUMN_TOP);
  }

  private JsonNode get(String select, String filter, int top) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("$select", select);
    query.put("$filter", filter);
    query.put("$top", Integer.toString(top));
    return client.get(ENTITY_SET, query);
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("value").forEach(row -> ids.add(row.path("contactid").asText()));
    return ids;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
