package com.opencx.handoff.activities.dynamics;

import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactMatch;
import com.opencx.handoff.workflows.model.ContactRule;
import java.util.List;

/**
 * Decides contact resolution from the rows Dataverse returned (SPEC §4.2): one match links, several
 * are ambiguous and link nothing, because no contact is better than a wrong one. The phone is
 * matched with one request over both columns ({@code $top=3}); this class says whether those rows
 * decide the answer (mobile phone first, then telephone1) or whether a full page leaves it open, in
 * which case the caller asks per column. Kept apart from HTTP so every case is unit-tested.
 */
final class ContactClassifier {

  /** One active contact returned by the combined phone query. */
  record PhoneRow(String contactId, String mobilephone, String telephone1) {}

  /** The rows per column query and per email query: two tell "one" from "several". */
  static final int COLUMN_TOP = 2;

  /** The rows of the combined phone query; a full page may hide further matches. */
  static final int COMBINED_TOP = 3;

  private ContactClassifier() {}

  /** Email rows ({@code $top=2}): one links, several are ambiguous, none is null (try phone). */
  static ContactMatch email(List<String> contactIds) {
    return single(contactIds, ContactRule.Email, ContactRule.AmbiguousEmail);
  }

  /** One column's rows ({@code $top=2}): one links with {@code rule}, several are ambiguous. */
  static ContactMatch column(List<String> contactIds, ContactRule rule) {
    return single(contactIds, rule, ContactRule.AmbiguousPhone);
  }

  /**
   * The combined query's rows: the decision, {@link ContactRule#NoMatch} when nothing matched, or
   * null when a full page leaves it undecided and the per-column queries must settle it.
   */
  static ContactMatch phone(List<PhoneRow> rows, String e164) {
    List<String> mobile =
        rows.stream().filter(r -> same(r.mobilephone(), e164)).map(PhoneRow::contactId).toList();
    List<String> telephone =
        rows.stream().filter(r -> same(r.telephone1(), e164)).map(PhoneRow::contactId).toList();
    boolean maybeMore = rows.size() >= COMBINED_TOP;
    if (mobile.size() >= 2) {
      return new ContactMatch(null, ContactRule.AmbiguousPhone);
    }
    if (maybeMore) {
      // A row beyond the page could be a second mobile match, or the only one.
      return null;
    }
    if (mobile.size() == 1) {
      return new ContactMatch(mobile.get(0), ContactRule.MobilePhone);
    }
    ContactMatch byTelephone = column(telephone, ContactRule.Telephone1);
    return byTelephone == null ? new ContactMatch(null, ContactRule.NoMatch) : byTelephone;
  }

  private static ContactMatch single(List<String> ids, ContactRule one, ContactRule several) {
    if (ids.isEmpty()) {
      return null;
    }
    return ids.size() == 1 ? new ContactMatch(ids.get(0), one) : new ContactMatch(null, several);
  }

  private static boolean same(String column, String e164) {
    return column != null && column.strip().equals(e164);
  }
}
