package com.opencx.handoff.activities.opencx;

import static com.opencx.handoff.activities.opencx.TestSupport.assertAuthorised;
import static com.opencx.handoff.activities.opencx.TestSupport.body;
import static com.opencx.handoff.activities.opencx.TestSupport.failure;
import static com.opencx.handoff.activities.opencx.TestSupport.fieldNames;
import static com.opencx.handoff.activities.opencx.TestSupport.json;
import static com.opencx.handoff.activities.opencx.TestSupport.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.activities.SessionActivities.HandoffFailedInput;
import com.opencx.handoff.workflows.activities.SessionActivities.MarkHandedOffInput;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Step 5 and the "resume the AI" call: exact requests and how OpenCX's answers map. */
class SessionHandoffCallsTest {

  private static final String SESSION = "sess-42";
  private static final String WORK_ITEM = HandoffIds.workItemId(SESSION);
  private static final String WORKFLOW = HandoffIds.workflowId(SESSION);

  @StartStop private final MockWebServer server = new MockWebServer();

  private SessionActivitiesImpl activities() {
    return new SessionActivitiesImpl(TestSupport.client(server));
  }

  @Test
  void marksTheSessionHandedOffWithTheExactBody() throws Exception {
    server.enqueue(json(200, "{}"));
    Instant at = Instant.parse("2025-03-01T10:15:30.123Z");

    activities().markSessionHandedOff(new MarkHandedOffInput(SESSION, WORK_ITEM, WORKFLOW, at));

    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getTarget()).isEqualTo("/v1/sessions/" + SESSION + "/handoff");
    assertAuthorised(recorded);
    JsonNode body = body(recorded);
    assertThat(fieldNames(body))
        .containsExactlyInAnyOrder("dynamics365_chat_id", "workflowId", "handedOffAt");
    assertThat(body.get("dynamics365_chat_id").asText()).isEqualTo(WORK_ITEM);
    assertThat(body.get("workflowId").asText()).isEqualTo(WORKFLOW);
    assertThat(body.get("handedOffAt").asText()).isEqualTo("2025-03-01T10:15:30.123Z");
  }

  @Test
  void markingTwiceIsFineWhenOpenCxAnswers200Again() {
    server.enqueue(json(200, "{}"));
    server.enqueue(json(200, "{}"));
    MarkHandedOffInput input = new MarkHandedOffInput(SESSION, WORK_ITEM, WORKFLOW, Instant.now());

    activities().markSessionHandedOff(input);
    activities().markSessionHandedOff(input);

    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void tellingOpenCxAboutASessionItDoesNotKnowIsNothingToDo() throws Exception {
    server.enqueue(json(404, "{\"error\":\"not_found\"}"));

    activities().notifyHandoffFailed(new HandoffFailedInput(SESSION, WORKFLOW, "unknown session"));

    assertThat(server.takeRequest().getTarget())
        .isEqualTo("/v1/sessions/" + SESSION + "/handoff-failed");
  }

  @Test
  void aRefusedHandoffFailedCallOtherThan404StillFails() {
    server.enqueue(json(403, "{\"error\":\"forbidden\"}"));

    ApplicationFailure failure =
        failure(
            () ->
                activities()
                    .notifyHandoffFailed(new HandoffFailedInput(SESSION, WORKFLOW, "reason")));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_REJECTED_CALL);
  }

  @Test
  void aConflictingHandoffIsANonRetryableConflict() {
    server.enqueue(json(409, "{\"error\":\"already handed off\"}"));

    ApplicationFailure failure =
        failure(
            () ->
                activities()
                    .markSessionHandedOff(
                        new MarkHandedOffInput(SESSION, WORK_ITEM, WORKFLOW, Instant.now())));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_CONFLICT);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("409")
        .contains("POST /v1/sessions/{id}/handoff");
  }

  @Test
  void throttlingCarriesRetryAfterAsTheNextRetryDelay() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").build());

    ApplicationFailure failure =
        failure(
            () ->
                activities()
                    .markSessionHandedOff(
                        new MarkHandedOffInput(SESSION, WORK_ITEM, WORKFLOW, Instant.now())));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_THROTTLED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void unavailableOpenCxIsRetryable() {
    server.enqueue(status(503));

    ApplicationFailure failure =
        failure(
            () ->
                activities()
                    .markSessionHandedOff(
                        new MarkHandedOffInput(SESSION, WORK_ITEM, WORKFLOW, Instant.now())));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage())
        .contains("503")
        .contains("POST /v1/sessions/{id}/handoff");
  }

  @Test
  void notifiesHandoffFailedWithTheExactBody() throws Exception {
    server.enqueue(json(200, "{}"));

    activities()
        .notifyHandoffFailed(
            new HandoffFailedInput(SESSION, WORKFLOW, "session sess-42 is closed at OpenCX"));

    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getTarget()).isEqualTo("/v1/sessions/" + SESSION + "/handoff-failed");
    assertAuthorised(recorded);
    JsonNode body = body(recorded);
    assertThat(fieldNames(body)).containsExactlyInAnyOrder("reason", "workflowId");
    assertThat(body.get("reason").asText()).isEqualTo("session sess-42 is closed at OpenCX");
    assertThat(body.get("workflowId").asText()).isEqualTo(WORKFLOW);
  }
}
