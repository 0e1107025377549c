package com.opencx.handoff.activities.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.activities.dynamics.DynamicsActivitiesImpl;
import com.opencx.handoff.activities.dynamics.StaticTokenProvider;
import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WindowUpdate;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemDraft;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two calls the workflow keeps making after the handoff (SPEC §4.3), against the {@link
 * DataverseEmulator}: {@link DynamicsActivitiesImpl#updateTemplateWindow} rewrites the
 * conversation's {@code whatsappWindowClosesAt} context item and upserts the window-state item in
 * one {@code $batch}, without ever adding a second item of the same name; {@link
 * DynamicsActivitiesImpl#isConversationClosed} reads the conversation's state and reports closed
 * once the rep closes (statecode 1, statuscode 4) or resolves it, and for a conversation that is
 * gone. Each test first creates the work item through the real activity.
 */
class TemplateWindowEmulatorTest {

  private static final String SESSION = "wa-session-window";
  private static final String WORK_ITEM = HandoffIds.workItemId(SESSION);
  private static final Instant FIRST_CLOSE = Instant.parse("2026-03-02T09:30:00Z");
  private static final Instant LATER_CLOSE = Instant.parse("2026-03-03T08:15:30Z");

  private final DataverseEmulator dataverse = Emulated.dataverse();
  private final DynamicsActivitiesImpl dynamics =
      new DynamicsActivitiesImpl(
          Emulated.client(dataverse, new StaticTokenProvider(Emulated.DATAVERSE_TOKEN)),
          Emulated.settings(dataverse));

  @BeforeEach
  void createWorkItem() {
    dynamics.createWorkItem(
        new WorkItemDraft(
            WORK_ITEM, SESSION, null, null, "Needs a human", "+14155550100", FIRST_CLOSE));
    dataverse.resetCounters();
  }

  @AfterEach
  void stop() {
    dataverse.close();
  }

  @Test
  void windowUpdatesRewriteTheContextItemsInOneRequestEach() {
    dynamics.updateTemplateWindow(new WindowUpdate(WORK_ITEM, SESSION, FIRST_CLOSE, false));

    Map<String, Map<String, Object>> closed = Emulated.contextItems(dataverse, WORK_ITEM);
    assertThat(closed.get("whatsappWindowClosesAt"))
        .containsEntry("msdyn_value", "2026-03-02T09:30:00Z");
    assertThat(closed.get("whatsappWindowOpen")).containsEntry("msdyn_value", "false");

    dynamics.updateTemplateWindow(new WindowUpdate(WORK_ITEM, SESSION, LATER_CLOSE, true));

    Map<String, Map<String, Object>> reopened = Emulated.contextItems(dataverse, WORK_ITEM);
    assertThat(reopened)
        .containsOnlyKeys(
            "sessionId",
            "channel",
            "customerPhone",
            "whatsappWindowClosesAt",
            "whatsappWindowOpen");
    assertThat(reopened.get("whatsappWindowClosesAt"))
        .containsEntry("msdyn_value", "2026-03-03T08:15:30Z")
        .containsEntry(
            "msdyn_ocliveworkitemcontextitemid",
            HandoffIds.contextItemId(WORK_ITEM, "whatsappWindowClosesAt"));
    assertThat(reopened.get("whatsappWindowOpen")).containsEntry("msdyn_value", "true");
    assertThat(dataverse.records(Emulated.CONTEXT_ITEMS)).hasSize(5);
    assertThat(Emulated.requests(dataverse)).containsExactly("POST $batch", "POST $batch");
  }

  @Test
  void aConversationIsClosedOnceTheRepClosesIt() {
    assertThat(dynamics.isConversationClosed(WORK_ITEM)).isFalse();

    dataverse.setRecordColumn(Emulated.WORK_ITEMS, WORK_ITEM, "statecode", 1);
    dataverse.setRecordColumn(Emulated.WORK_ITEMS, WORK_ITEM, "statuscode", 4);

    assertThat(dynamics.isConversationClosed(WORK_ITEM)).isTrue();
    assertThat(dataverse.requestLog())
        .hasSize(2)
        .allSatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        "GET /api/data/v9.2/msdyn_ocliveworkitems("
                            + WORK_ITEM
                            + ")?$select=statecode,statuscode 200"));
  }

  @Test
  void aResolvedOrDeletedConversationCountsAsClosedAndAnActiveOneDoesNot() {
    dataverse.setRecordColumn(Emulated.WORK_ITEMS, WORK_ITEM, "statuscode", 2);
    assertThat(dynamics.isConversationClosed(WORK_ITEM)).as("Open/Active").isFalse();

    dataverse.setRecordColumn(Emulated.WORK_ITEMS, WORK_ITEM, "statecode", 2);
    dataverse.setRecordColumn(Emulated.WORK_ITEMS, WORK_ITEM, "statuscode", 6);
    assertThat(dynamics.isConversationClosed(WORK_ITEM)).as("Resolved").isTrue();

    assertThat(dynamics.isConversationClosed(HandoffIds.workItemId("never-created")))
        .as("missing")
        .isTrue();
  }

  @Test
  void anOperatorsCloseClosesTheConversationForTheRep() {
    dynamics.closeWorkItem(WORK_ITEM);

    assertThat(dataverse.record("msdyn_ocliveworkitems", WORK_ITEM).orElseThrow())
        .containsEntry("statecode", 1)
        .containsEntry("statuscode", 4);
    assertThat(dynamics.isConversationClosed(WORK_ITEM)).isTrue();
    assertThat(dataverse.requestCount()).isEqualTo(2);
  }
}
