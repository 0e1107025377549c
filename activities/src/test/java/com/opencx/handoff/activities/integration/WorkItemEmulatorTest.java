package com.opencx.handoff.activities.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.activities.dynamics.DynamicsActivitiesImpl;
import com.opencx.handoff.emulators.DemoData;
import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.emulators.http.Fault;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactMatch;
import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactQuery;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemCreated;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemDraft;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.model.ContactRule;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Step 3 of the handoff, {@link DynamicsActivitiesImpl#createWorkItem}, against the {@link
 * DataverseEmulator}: the conversation ({@code msdyn_ocliveworkitems}, keyed by the client-chosen
 * {@code activityid}) lands with its subject, description, workstream and contact lookups and the
 * four context items bound to it, in a single {@code $batch}; resolve plus create costs two
 * requests; a second run and a retry after a response lost in transit find the record and create
 * nothing; a workstream that does not exist, throttling and an expired token map to the failure
 * types of SPEC §5.1. The emulator refuses any name not in {@code reference/dataverse.md}, so a
 * passing test also proves the navigation-property names.
 */
class WorkItemEmulatorTest {

  private static final String SESSION = "wa-session-42";
  private static final String WORK_ITEM = HandoffIds.workItemId(SESSION);
  private static final String PHONE = DemoData.CUSTOMER_PHONE;
  private static final Instant CLOSES_AT = Instant.parse("2026-03-02T09:30:00.750Z");
  private static final String SUMMARY =
      "The customer was charged twice for order 1042 and wants the duplicate payment refunded.";

  private final DataverseEmulator dataverse = Emulated.dataverse();
  private final Emulated.CountingTokens tokens = new Emulated.CountingTokens();
  private final DynamicsActivitiesImpl dynamics =
      new DynamicsActivitiesImpl(Emulated.client(dataverse, tokens), Emulated.settings(dataverse));

  @AfterEach
  void stop() {
    dataverse.close();
  }

  @Test
  void resolveAndCreateLinkTheEmailContactInTwoRequests() {
    DemoData.seedDataverse(dataverse);
    dataverse.resetCounters();

    ContactMatch match = dynamics.resolveContact(new ContactQuery(DemoData.CUSTOMER_EMAIL, PHONE));
    WorkItemCreated created = dynamics.createWorkItem(draft(match.contactId(), SUMMARY));

    assertThat(match)
        .isEqualTo(
            new ContactMatch(DemoData.CONTACT_ID, ContactRule.Email, Emulated.WORKSTREAM_ID));
    assertCreated(created, false);
    assertThat(dataverse.requestCount()).isEqualTo(2);
    assertThat(Emulated.requests(dataverse)).containsExactly("GET contacts", "POST $batch");

    Map<String, Object> item = dataverse.record(Emulated.WORK_ITEMS, WORK_ITEM).orElseThrow();
    assertThat(item)
        .containsEntry("activityid", WORK_ITEM)
        .containsEntry("subject", SUMMARY)
        .containsEntry("description", SUMMARY)
        .containsEntry("_msdyn_liveworkstreamid_value", Emulated.WORKSTREAM_ID)
        .containsEntry("_msdyn_customer_value", DemoData.CONTACT_ID)
        .containsEntry("statecode", 0)
        .containsEntry("statuscode", 1);
    assertFourContextItems();
  }

  @Test
  void resolveAndCreateWithoutAnEmailMatchTheMobilePhoneInTwoRequests() {
    DemoData.seedDataverse(dataverse);
    dataverse.resetCounters();

    ContactMatch match = dynamics.resolveContact(new ContactQuery(null, PHONE));
    dynamics.createWorkItem(draft(match.contactId(), SUMMARY));

    assertThat(match)
        .isEqualTo(
            new ContactMatch(DemoData.CONTACT_ID, ContactRule.MobilePhone, Emulated.WORKSTREAM_ID));
    assertThat(dataverse.requestCount()).isEqualTo(2);
    assertThat(dataverse.record(Emulated.WORK_ITEMS, WORK_ITEM).orElseThrow())
        .containsEntry("_msdyn_customer_value", DemoData.CONTACT_ID);
  }

  @Test
  void withoutAnyMatchNoCustomerIsBoundInTwoRequestsAndALongSummaryIsShaped() {
    String summary = "Refund request. ".repeat(20).strip(); // 319 characters

    ContactMatch match = dynamics.resolveContact(new ContactQuery(null, PHONE));
    dynamics.createWorkItem(draft(match.contactId(), summary));

    assertThat(match)
        .isEqualTo(new ContactMatch(null, ContactRule.NoMatch, Emulated.WORKSTREAM_ID));
    assertThat(dataverse.requestCount()).isEqualTo(2);
    Map<String, Object> item = dataverse.record(Emulated.WORK_ITEMS, WORK_ITEM).orElseThrow();
    assertThat(item).doesNotContainKey("_msdyn_customer_value");
    assertThat((String) item.get("subject")).hasSizeLessThanOrEqualTo(200).endsWith("…");
    assertThat(item).containsEntry("description", summary);
    assertFourContextItems();
  }

  @Test
  void runningTwiceReportsAlreadyExistedAndCreatesNothingNew() {
    assertThat(dynamics.createWorkItem(draft(null, SUMMARY)).alreadyExisted()).isFalse();
    dataverse.resetCounters();

    WorkItemCreated again = dynamics.createWorkItem(draft(null, "A different summary"));

    assertCreated(again, true);
    assertThat(dataverse.requestCount()).isEqualTo(1);
    assertThat(dataverse.records(Emulated.WORK_ITEMS)).hasSize(1);
    assertThat(dataverse.records(Emulated.CONTEXT_ITEMS)).hasSize(4);
    assertThat(dataverse.record(Emulated.WORK_ITEMS, WORK_ITEM).orElseThrow())
        .containsEntry("subject", SUMMARY);
  }

  @Test
  void aBatchWhoseAnswerWasLostIsSentAgainAndFindsTheCommittedWorkItem() {
    // The lookup leaves a kept-alive connection in the pool, as in a real handoff. Every part of
    // the change set is a create with If-None-Match: *, so the client may send it again on a fresh
    // connection: the second delivery answers 412, which means "already there".
    dynamics.resolveContact(new ContactQuery(null, PHONE));
    dataverse.resetCounters();
    dataverse.injectFault(Fault.dropAfterCommit("POST", "$batch", 1));

    WorkItemCreated created = dynamics.createWorkItem(draft(null, SUMMARY));

    assertCreated(created, true);
    assertThat(dataverse.records(Emulated.WORK_ITEMS)).hasSize(1);
    assertThat(dataverse.records(Emulated.CONTEXT_ITEMS)).hasSize(4);
    assertThat(dataverse.requestLog()).hasSize(2);
    assertThat(dataverse.requestLog().get(0)).asString().endsWith(" DROPPED");
  }

  @Test
  void aWorkstreamThatDoesNotExistNeedsAnOperator() {
    String missing = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    ApplicationFailure failure =
        Emulated.failure(
            () ->
                dynamics.createWorkItem(
                    new WorkItemDraft(
                        WORK_ITEM, SESSION, missing, null, SUMMARY, PHONE, CLOSES_AT)));

    assertThat(failure.getType()).isEqualTo(FailureTypes.DATAVERSE_NOT_FOUND);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("msdyn_liveworkstream", missing)
        .as("the operator must see which bind failed")
        .contains("'msdyn_liveworkstreamid_msdyn_ocliveworkitem@odata.bind'");
    assertThat(dataverse.records(Emulated.WORK_ITEMS)).isEmpty();
    assertThat(dataverse.records(Emulated.CONTEXT_ITEMS)).isEmpty();
  }

  @Test
  void throttlingIsRetryableNoSoonerThanRetryAfter() {
    dataverse.injectFault(Fault.throttle("POST", "$batch", 17, 1));

    ApplicationFailure failure =
        Emulated.failure(() -> dynamics.createWorkItem(draft(null, SUMMARY)));

    assertThat(failure.getType()).isEqualTo(FailureTypes.DATAVERSE_THROTTLED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(17));
    assertThat(dataverse.records(Emulated.WORK_ITEMS)).isEmpty();
    assertThat(dynamics.createWorkItem(draft(null, SUMMARY)).alreadyExisted()).isFalse();
  }

  @Test
  void anExpiredTokenIsRefreshedOnceAndTheCreateSucceeds() {
    dataverse.injectFault(Fault.expiredToken("POST", "$batch", 1));

    WorkItemCreated created = dynamics.createWorkItem(draft(null, SUMMARY));

    assertCreated(created, false);
    assertThat(tokens.refreshes).hasValue(1);
    assertThat(dataverse.requestLog())
        .hasSize(2)
        .first()
        .asString()
        .startsWith("POST /api/data/v9.2/$batch 401");
    assertFourContextItems();
  }

  /** The configured workstream is used when the draft names none, and the result says so. */
  private static void assertCreated(WorkItemCreated created, boolean alreadyExisted) {
    assertThat(created)
        .isEqualTo(new WorkItemCreated(WORK_ITEM, alreadyExisted, Emulated.WORKSTREAM_ID));
  }

  private void assertFourContextItems() {
    Map<String, Map<String, Object>> items = Emulated.contextItems(dataverse, WORK_ITEM);
    assertThat(items)
        .containsOnlyKeys("sessionId", "channel", "customerPhone", "whatsappWindowClosesAt");
    assertThat(items.get("sessionId")).containsEntry("msdyn_value", SESSION);
    assertThat(items.get("channel")).containsEntry("msdyn_value", "whatsapp");
    assertThat(items.get("customerPhone")).containsEntry("msdyn_value", PHONE);
    assertThat(items.get("whatsappWindowClosesAt"))
        .containsEntry("msdyn_value", "2026-03-02T09:30:00Z");
    items.forEach(
        (name, row) ->
            assertThat(row)
                .containsEntry(
                    "msdyn_ocliveworkitemcontextitemid", HandoffIds.contextItemId(WORK_ITEM, name))
                .containsEntry("msdyn_isdisplayable", true));
  }

  private static WorkItemDraft draft(String contactId, String summary) {
    return new WorkItemDraft(WORK_ITEM, SESSION, null, contactId, summary, PHONE, CLOSES_AT);
  }
}
