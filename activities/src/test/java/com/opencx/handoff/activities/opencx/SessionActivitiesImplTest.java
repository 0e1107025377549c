package com.opencx.handoff.activities.opencx;

import static com.opencx.handoff.activities.opencx.TestSupport.assertAuthorised;
import static com.opencx.handoff.activities.opencx.TestSupport.failure;
import static com.opencx.handoff.activities.opencx.TestSupport.json;
import static com.opencx.handoff.activities.opencx.TestSupport.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.activities.SessionActivities.ValidateSessionInput;
import com.opencx.handoff.workflows.activities.SessionActivities.ValidatedSession;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffRequest.Customer;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Step 1: validation against the OpenCX session, each rejection reason, and PII-free reasons. */
class SessionActivitiesImplTest {

  private static final String SESSION = "sess-42";
  private static final String WORK_ITEM = HandoffIds.workItemId(SESSION);
  private static final String WORKFLOW = HandoffIds.workflowId(SESSION);
  private static final String PHONE = "+447911123456";

  @StartStop private final MockWebServer server = new MockWebServer();

  private SessionActivitiesImpl activities() {
    return new SessionActivitiesImpl(TestSupport.client(server));
  }

  private static HandoffRequest request(String channel, Customer customer) {
    return new HandoffRequest(
        SESSION, channel, customer, "Needs a human", Instant.now(), List.of(), null);
  }

  private static ValidateSessionInput input(Customer customer) {
    return new ValidateSessionInput(request("whatsapp", customer), WORK_ITEM);
  }

  private static String session(String channel, String status, String chatId, String customer) {
    String meta = chatId == null ? "{}" : "{\"dynamics365_chat_id\":\"" + chatId + "\"}";
    return "{\"id\":\""
        + SESSION
        + "\",\"channel\":\""
        + channel
        + "\",\"status\":\""
        + status
        + "\",\"customer\":"
        + customer
        + ",\"summary\":\"s\",\"lastInboundAt\":\"2025-03-01T10:00:00Z\",\"meta\":"
        + meta
        + ",\"extra\":1}";
  }

  private static final String KNOWN_CUSTOMER =
      "{\"name\":\"Ana Session\",\"email\":\"ana@session.example\",\"phone\":\"+49 151 23456789\"}";

  private void enqueueSession(String channel, String status, String chatId) {
    server.enqueue(json(200, session(channel, status, chatId, KNOWN_CUSTOMER)));
  }

  @Test
  void validatesPreferringTheRequestsCustomerAndNormalising() throws Exception {
    enqueueSession("whatsapp", "ai", null);

    ValidatedSession validated =
        activities()
            .validateSession(
                input(new Customer(" +44 7911 123456 ", " Ana ", "  ana@req.example ")));

    assertThat(validated).isEqualTo(new ValidatedSession(PHONE, "ana@req.example", "Ana"));
    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("GET");
    assertThat(recorded.getTarget()).isEqualTo("/v1/sessions/" + SESSION);
    assertAuthorised(recorded);
    assertThat(recorded.getHeaders().get("Accept")).isEqualTo("application/json");
  }

  @Test
  void fallsBackToTheSessionsCustomerWhereTheRequestLacksDetails() {
    enqueueSession("whatsapp", "ai", null);

    ValidatedSession validated = activities().validateSession(input(new Customer(" ", null, "")));

    assertThat(validated)
        .isEqualTo(new ValidatedSession("+4915123456789", "ana@session.example", "Ana Session"));
  }

  @Test
  void blankEmailsEverywhereGiveNoEmail() {
    server.enqueue(json(200, session("whatsapp", "ai", null, "{\"email\":\"  \",\"phone\":null}")));

    ValidatedSession validated =
        activities().validateSession(input(new Customer(PHONE, null, " ")));

    assertThat(validated).isEqualTo(new ValidatedSession(PHONE, null, null));
  }

  @Test
  void ourOwnEarlierHandoffIsNotARejection() {
    enqueueSession("whatsapp", "handed_off", WORK_ITEM);

    assertThat(activities().validateSession(input(new Customer(PHONE, null, null))).phoneE164())
        .isEqualTo(PHONE);
  }

  @Test
  void rejectsAnUnknownSession() {
    server.enqueue(status(404));

    assertRejected(input(new Customer(PHONE, null, null)), "does not know session " + SESSION);
  }

  @Test
  void rejectsARequestForAnotherChannelWithoutCallingOpenCx() {
    ValidateSessionInput input =
        new ValidateSessionInput(request("webchat", new Customer(PHONE, null, null)), WORK_ITEM);

    assertRejected(input, "channel is not whatsapp");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void rejectsASessionOnAnotherChannel() {
    enqueueSession("messenger", "ai", null);

    assertRejected(input(new Customer(PHONE, null, null)), "'messenger', not whatsapp");
  }

  @Test
  void rejectsAClosedSession() {
    enqueueSession("whatsapp", "closed", null);

    assertRejected(input(new Customer(PHONE, null, null)), "is closed");
  }

  @Test
  void rejectsASessionHandedOffToAnotherWorkItem() {
    enqueueSession("whatsapp", "handed_off", "other-work-item");

    assertRejected(input(new Customer(PHONE, null, null)), "another work item (other-work-item)");
  }

  @Test
  void rejectsWhenNeitherRequestNorSessionHasAPhone() {
    server.enqueue(json(200, session("whatsapp", "ai", null, "null")));

    assertRejected(input(new Customer(null, "Ana", null)), "no customer phone number");
  }

  @Test
  void rejectsAnInvalidPhoneWithoutQuotingIt() {
    enqueueSession("whatsapp", "ai", null);

    ApplicationFailure failure =
        assertRejected(input(new Customer("07911 123456", null, null)), "not a valid");
    assertThat(failure.getOriginalMessage()).doesNotContain("7911").doesNotContain("123456");
  }

  @Test
  void openCxRefusingTheLookupIsAConfigurationFaultNotARejection() {
    server.enqueue(status(401));

    ApplicationFailure failure =
        failure(() -> activities().validateSession(input(new Customer(PHONE, null, null))));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_REJECTED_CALL);
    assertThat(failure.getOriginalMessage()).contains("401").contains("GET /v1/sessions/{id}");
  }

  @Test
  void anUnreadableSessionIsRetryableAndDoesNotQuoteTheBody() {
    server.enqueue(json(200, "{\"customer\":{\"phone\":\"+447911123456\""));

    ApplicationFailure failure =
        failure(() -> activities().validateSession(input(new Customer(PHONE, null, null))));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_UNAVAILABLE);
    assertThat(failure.getOriginalMessage()).doesNotContain("447911123456");
  }

  private ApplicationFailure assertRejected(ValidateSessionInput input, String reason) {
    ApplicationFailure failure = failure(() -> activities().validateSession(input));
    assertThat(failure.getType()).isEqualTo(FailureTypes.SESSION_REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains(reason);
    return failure;
  }
}
