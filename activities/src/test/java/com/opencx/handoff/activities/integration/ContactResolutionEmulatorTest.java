package com.opencx.handoff.activities.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.activities.dynamics.DynamicsActivitiesImpl;
import com.opencx.handoff.activities.dynamics.StaticTokenProvider;
import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactMatch;
import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactQuery;
import com.opencx.handoff.workflows.model.ContactRule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §4.2 contact resolution by the real {@link DynamicsActivitiesImpl#resolveContact} against a
 * {@link DataverseEmulator} seeded with contacts: an email match, an email holding an apostrophe
 * (the OData literal doubles it and the whole filter is URL-encoded), a phone found in {@code
 * mobilephone} and one found only in {@code telephone1}, two contacts sharing an email (ambiguous,
 * none linked), an inactive contact that must not match, no match at all, a full page of phone rows
 * settled by the exact per-column query, and the optional contact creation. The emulator parses the
 * {@code $filter} strictly, so a wrong column, quote or encoding fails here as it would on a real
 * org; the request log shows how many round trips each rule costs.
 */
class ContactResolutionEmulatorTest {

  private static final String PHONE = "+14155550123";

  private final DataverseEmulator dataverse = Emulated.dataverse();
  private final DynamicsActivitiesImpl dynamics =
      new DynamicsActivitiesImpl(
          Emulated.client(dataverse, new StaticTokenProvider(Emulated.DATAVERSE_TOKEN)),
          Emulated.settings(dataverse));

  @AfterEach
  void stop() {
    dataverse.close();
  }

  @Test
  void anEmailMatchLinksTheContactInOneRequest() {
    String ann = contact("ann@example.com", null, null, 0);
    contact("someone.else@example.com", PHONE, null, 0);

    ContactMatch match = dynamics.resolveContact(new ContactQuery("ann@example.com", PHONE));

    assertThat(match).isEqualTo(new ContactMatch(ann, ContactRule.Email, Emulated.WORKSTREAM_ID));
    assertThat(dataverse.requestCount()).isEqualTo(1);
    assertThat(dataverse.requestLog())
        .singleElement()
        .asString()
        .startsWith(
            "GET /api/data/v9.2/contacts?$select=contactid&$filter=emailaddress1 eq"
                + " 'ann@example.com' and statecode eq 0&$top=2 200");
  }

  @Test
  void anEmailWithAnApostropheIsQuotedAndEncoded() {
    String aoife = contact("o'brien@example.com", null, null, 0);
    contact("obrien@example.com", null, null, 0);

    ContactMatch match = dynamics.resolveContact(new ContactQuery("o'brien@example.com", null));

    assertThat(match).isEqualTo(new ContactMatch(aoife, ContactRule.Email, Emulated.WORKSTREAM_ID));
    assertThat(dataverse.requestLog())
        .singleElement()
        .asString()
        .contains("emailaddress1 eq 'o''brien@example.com' and statecode eq 0")
        .endsWith(" 200");
  }

  @Test
  void withoutAnEmailThePhoneMatchesMobilephone() {
    String mobile = contact(null, PHONE, null, 0);

    ContactMatch match = dynamics.resolveContact(new ContactQuery(null, PHONE));

    assertThat(match)
        .isEqualTo(new ContactMatch(mobile, ContactRule.MobilePhone, Emulated.WORKSTREAM_ID));
    assertThat(dataverse.requestCount()).isEqualTo(1);
    assertThat(dataverse.requestLog())
        .singleElement()
        .asString()
        .contains("(mobilephone eq '+14155550123' or telephone1 eq '+14155550123')");
  }

  @Test
  void anEmailWithoutMatchFallsBackToTelephone1() {
    contact("old@example.com", "+14155550999", null, 0);
    String landline = contact(null, null, PHONE, 0);

    ContactMatch match = dynamics.resolveContact(new ContactQuery("new@example.com", PHONE));

    assertThat(match)
        .isEqualTo(new ContactMatch(landline, ContactRule.Telephone1, Emulated.WORKSTREAM_ID));
    assertThat(dataverse.requestCount()).isEqualTo(2);
  }

  @Test
  void mobilephoneWinsOverAnotherContactsTelephone1() {
    String mobile = contact(null, PHONE, null, 0);
    contact(null, null, PHONE, 0);

    assertThat(dynamics.resolveContact(new ContactQuery(null, PHONE)))
        .isEqualTo(new ContactMatch(mobile, ContactRule.MobilePhone, Emulated.WORKSTREAM_ID));
  }

  @Test
  void twoContactsWithTheEmailAreAmbiguousAndLinkNone() {
    contact("shared@example.com", null, null, 0);
    contact("SHARED@example.com", null, null, 0);

    ContactMatch match = dynamics.resolveContact(new ContactQuery("shared@example.com", null));

    assertThat(match)
        .isEqualTo(new ContactMatch(null, ContactRule.AmbiguousEmail, Emulated.WORKSTREAM_ID));
    assertThat(match.rule().links()).isFalse();
  }

  @Test
  void twoContactsWithThePhoneAreAmbiguous() {
    contact(null, PHONE, null, 0);
    contact(null, PHONE, null, 0);

    assertThat(dynamics.resolveContact(new ContactQuery(null, PHONE)))
        .isEqualTo(new ContactMatch(null, ContactRule.AmbiguousPhone, Emulated.WORKSTREAM_ID));
  }

  @Test
  void inactiveContactsAndOtherNumbersDoNotMatch() {
    contact("gone@example.com", PHONE, PHONE, 1);
    contact("other@example.com", "+14155550999", "+14155550998", 0);

    ContactMatch match = dynamics.resolveContact(new ContactQuery("gone@example.com", PHONE));

    assertThat(match)
        .isEqualTo(new ContactMatch(null, ContactRule.NoMatch, Emulated.WORKSTREAM_ID));
    assertThat(dataverse.requestCount()).isEqualTo(2);
    assertThat(dataverse.records("contacts")).hasSize(2);
  }

  @Test
  void aFullPageOfPhoneRowsIsSettledByTheExactMobilephoneQuery() {
    String mobile = contact(null, PHONE, null, 0);
    contact(null, null, PHONE, 0);
    contact(null, null, PHONE, 0);

    ContactMatch match = dynamics.resolveContact(new ContactQuery(null, PHONE));

    assertThat(match)
        .isEqualTo(new ContactMatch(mobile, ContactRule.MobilePhone, Emulated.WORKSTREAM_ID));
    assertThat(dataverse.requestLog())
        .hasSize(2)
        .last()
        .asString()
        .contains("$filter=mobilephone eq '+14155550123' and statecode eq 0&$top=2");
  }

  @Test
  void whenEnabledAContactIsCreatedOnceWithAnIdDerivedFromThePhone() {
    DynamicsActivitiesImpl creating =
        new DynamicsActivitiesImpl(
            Emulated.client(dataverse, new StaticTokenProvider(Emulated.DATAVERSE_TOKEN)),
            Emulated.settings(dataverse, true));

    ContactMatch created = creating.resolveContact(new ContactQuery("new@example.com", PHONE));
    ContactMatch again = creating.resolveContact(new ContactQuery("new@example.com", PHONE));

    assertThat(created.rule()).isEqualTo(ContactRule.Created);
    assertThat(again.contactId()).isEqualTo(created.contactId());
    assertThat(dataverse.records("contacts"))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .containsEntry("contactid", created.contactId())
                    .containsEntry("mobilephone", PHONE)
                    .containsEntry("emailaddress1", "new@example.com")
                    .containsEntry("statecode", 0));
  }

  /** Adds a contact; {@code statecode} 1 is inactive (statuscode 2). */
  private String contact(String email, String mobile, String telephone, int statecode) {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("firstname", "Test");
    columns.put("lastname", "Contact");
    if (email != null) {
      columns.put("emailaddress1", email);
    }
    if (mobile != null) {
      columns.put("mobilephone", mobile);
    }
    if (telephone != null) {
      columns.put("telephone1", telephone);
    }
    columns.put("statecode", statecode);
    columns.put("statuscode", statecode == 0 ? 1 : 2);
    return dataverse.addContact(columns);
  }
}
