package com.opencx.handoff.activities.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.activities.opencx.AuditActivitiesImpl;
import com.opencx.handoff.activities.opencx.OpenCxClient;
import com.opencx.handoff.activities.opencx.SessionActivitiesImpl;
import com.opencx.handoff.emulators.opencx.OpenCxEmulator;
import com.opencx.handoff.emulators.opencx.Session;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.activities.AuditActivities.AuditEvent;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.activities.SessionActivities.HandoffFailedInput;
import com.opencx.handoff.workflows.activities.SessionActivities.MarkHandedOffInput;
import com.opencx.handoff.workflows.activities.SessionActivities.ValidateSessionInput;
import com.opencx.handoff.workflows.activities.SessionActivities.ValidatedSession;
import com.opencx.handoff.workflows.model.HandoffRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real OpenCX activities ({@link SessionActivitiesImpl}, {@link AuditActivitiesImpl}) over
 * {@link OpenCxClient} against the {@link OpenCxEmulator} on loopback HTTP: validating a session
 * (ours, unknown, handed off to another work item), marking it handed off so that OpenCX records
 * the work item's id as {@code meta.dynamics365_chat_id}, telling OpenCX the handoff failed, and
 * writing an audit event twice with the same {@code eventId} so that it is recorded once. Each test
 * starts its own emulator, so the assertions read the emulator's state, not the client's view.
 */
class OpenCxSessionEmulatorTest {

  private static final String SESSION = "wa-session-1";
  private static final String WORK_ITEM = HandoffIds.workItemId(SESSION);
  private static final String WORKFLOW = HandoffIds.workflowId(SESSION);
  private static final Instant LAST_INBOUND = Instant.parse("2026-03-01T09:30:00Z");
  private static final Instant HANDED_OFF_AT = Instant.parse("2026-03-01T09:31:02.123Z");

  private final OpenCxEmulator openCx = Emulated.openCx();
  private final OpenCxClient client = Emulated.openCxClient(openCx);
  private final SessionActivitiesImpl sessions = new SessionActivitiesImpl(client);
  private final AuditActivitiesImpl audit = new AuditActivitiesImpl(client);

  @AfterEach
  void stop() {
    openCx.close();
  }

  @Test
  void aWhatsAppSessionWithTheAiValidatesWithDetailsFromOpenCx() {
    openCx.addSession(session("ai", null));

    ValidatedSession validated =
        sessions.validateSession(new ValidateSessionInput(request(), WORK_ITEM));

    assertThat(validated)
        .isEqualTo(new ValidatedSession("+447911123456", "o'brien@example.com", "Aoife O'Brien"));
    assertThat(openCx.requestLog()).containsExactly("GET /v1/sessions/" + SESSION + " 200");
  }

  @Test
  void anUnknownSessionIsRejected() {
    ApplicationFailure failure =
        Emulated.failure(
            () -> sessions.validateSession(new ValidateSessionInput(request(), WORK_ITEM)));

    assertThat(failure.getType()).isEqualTo(FailureTypes.SESSION_REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("does not know session " + SESSION);
  }

  @Test
  void markingHandedOffRecordsTheWorkItemAndIsIdempotent() {
    openCx.addSession(session("ai", null));
    MarkHandedOffInput mark = new MarkHandedOffInput(SESSION, WORK_ITEM, WORKFLOW, HANDED_OFF_AT);

    sessions.markSessionHandedOff(mark);
    sessions.markSessionHandedOff(mark);

    Session stored = openCx.session(SESSION).orElseThrow();
    assertThat(stored.status()).isEqualTo("handed_off");
    assertThat(stored.dynamicsChatId()).isEqualTo(WORK_ITEM);
    assertThat(openCx.requestLog())
        .containsExactly(
            "POST /v1/sessions/" + SESSION + "/handoff 200",
            "POST /v1/sessions/" + SESSION + "/handoff 200");
    // A replayed validate step after the handoff still sees the session as ours.
    assertThat(sessions.validateSession(new ValidateSessionInput(request(), WORK_ITEM)).phoneE164())
        .isEqualTo("+447911123456");
  }

  @Test
  void aSessionHandedOffToAnotherWorkItemIsRejectedAndCannotBeMarkedAgain() {
    String other = HandoffIds.workItemId("some-other-session");
    openCx.addSession(session("handed_off", other));

    ApplicationFailure rejected =
        Emulated.failure(
            () -> sessions.validateSession(new ValidateSessionInput(request(), WORK_ITEM)));
    assertThat(rejected.getType()).isEqualTo(FailureTypes.SESSION_REJECTED);
    assertThat(rejected.isNonRetryable()).isTrue();
    assertThat(rejected.getOriginalMessage()).contains("already handed off", other);

    ApplicationFailure conflict =
        Emulated.failure(
            () ->
                sessions.markSessionHandedOff(
                    new MarkHandedOffInput(SESSION, WORK_ITEM, WORKFLOW, HANDED_OFF_AT)));
    assertThat(conflict.getType()).isEqualTo(FailureTypes.OPENCX_CONFLICT);
    assertThat(conflict.getDetails().get(Integer.class)).isEqualTo(409);
    assertThat(openCx.session(SESSION).orElseThrow().dynamicsChatId()).isEqualTo(other);
  }

  @Test
  void handoffFailedIsRecordedWithReasonAndWorkflow() {
    openCx.addSession(session("ai", null));

    sessions.notifyHandoffFailed(
        new HandoffFailedInput(SESSION, WORKFLOW, "cancelled by an operator"));

    List<Map<String, Object>> failures = openCx.handoffFailures();
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0))
        .containsEntry("sessionId", SESSION)
        .containsEntry("reason", "cancelled by an operator")
        .containsEntry("workflowId", WORKFLOW);
    assertThat(openCx.session(SESSION).orElseThrow().status()).isEqualTo("ai");
  }

  @Test
  void theSameAuditEventWrittenTwiceIsRecordedOnce() {
    String eventId = HandoffIds.auditEventId(SESSION, "HandedOff", null);
    AuditEvent event =
        new AuditEvent(
            eventId,
            SESSION,
            WORKFLOW,
            "HandedOff",
            HANDED_OFF_AT,
            Map.of("workItemId", WORK_ITEM, "contactRule", "Email"));

    audit.writeAuditEvent(event);
    audit.writeAuditEvent(event);

    assertThat(openCx.auditEvents()).hasSize(1);
    assertThat(openCx.auditEvents().get(0))
        .containsEntry("eventId", eventId)
        .containsEntry("sessionId", SESSION)
        .containsEntry("workflowId", WORKFLOW)
        .containsEntry("type", "HandedOff")
        .containsEntry("at", "2026-03-01T09:31:02.123Z")
        .containsEntry("details", Map.of("workItemId", WORK_ITEM, "contactRule", "Email"));
    assertThat(openCx.requestLog())
        .containsExactly("POST /v1/audit-events 201", "POST /v1/audit-events 200");
  }

  private static Session session(String status, String chatId) {
    return new Session(
        SESSION,
        "whatsapp",
        status,
        "Aoife O'Brien",
        "o'brien@example.com",
        "+44 7911 123456",
        "Wants a refund for a duplicate charge.",
        LAST_INBOUND,
        chatId);
  }

  /** The start request without a customer block, so that OpenCX's details are used. */
  private static HandoffRequest request() {
    return new HandoffRequest(
        SESSION,
        "whatsapp",
        null,
        "Wants a refund for a duplicate charge.",
        LAST_INBOUND,
        List.of(),
        null);
  }
}
