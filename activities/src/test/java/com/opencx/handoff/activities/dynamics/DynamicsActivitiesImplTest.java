package com.opencx.handoff.activities.dynamics;

import static com.opencx.handoff.activities.dynamics.DataverseTestServer.WORKSTREAM;
import static com.opencx.handoff.activities.dynamics.DataverseTestServer.assertStandardHeaders;
import static com.opencx.handoff.activities.dynamics.DataverseTestServer.error;
import static com.opencx.handoff.activities.dynamics.DataverseTestServer.json;
import static com.opencx.handoff.activities.dynamics.DataverseTestServer.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.activities.dynamics.BatchFormat.SentPart;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactMatch;
import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactQuery;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WindowUpdate;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemCreated;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemDraft;
import com.opencx.handoff.workflows.model.ContactRule;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Dynamics activities against a local server: exact requests out, decisions from answers. */
class DynamicsActivitiesImplTest {

  private static final String SESSION = "sess-42";
  private static final String WORK_ITEM = HandoffIds.workItemId(SESSION);
  private static final String CONTACT = "0f8fad5b-d9cb-469f-a165-70867728950e";
  private static final String PHONE = "+447700900123";
  private static final String API = "/api/data/v9.2/";

  @StartStop private final MockWebServer server = new MockWebServer();

  private final CountingTokens tokens = new CountingTokens();
  private DynamicsActivitiesImpl activities;
  private String base;

  @BeforeEach
  void setUp() {
    DataverseSettings settings = DataverseTestServer.settings(server);
    base = settings.environmentUrl() + API;
    activities = new DynamicsActivitiesImpl(new DataverseClient(settings, tokens), settings);
  }

  // --- contact resolution -------------------------------------------------------------------

  @Test
  void oneActiveEmailMatchLinksInOneRequest() throws Exception {
    server.enqueue(json(200, "{\"value\":[{\"contactid\":\"" + CONTACT + "\"}]}"));

    ContactMatch match = activities.resolveContact(new ContactQuery("o'brien@example.com", PHONE));

    assertThat(match).isEqualTo(new ContactMatch(CONTACT, ContactRule.Email, WORKSTREAM));
    RecordedRequest request = take(server);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget())
        .isEqualTo(
            API
                + "contacts?$select=contactid"
                + "&$filter=emailaddress1%20eq%20%27o%27%27brien%40example.com%27"
                + "%20and%20statecode%20eq%200&$top=2");
    assertThat(request.getUrl().queryParameter("$filter"))
        .isEqualTo("emailaddress1 eq 'o''brien@example.com' and statecode eq 0");
    assertStandardHeaders(request, "token-0", "null");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void severalEmailMatchesLinkNoneAndStop() {
    server.enqueue(json(200, "{\"value\":[{\"contactid\":\"a\"},{\"contactid\":\"b\"}]}"));

    assertThat(activities.resolveContact(new ContactQuery("shared@example.com", PHONE)))
        .isEqualTo(new ContactMatch(null, ContactRule.AmbiguousEmail, WORKSTREAM));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void noEmailMatchFallsBackToOnePhoneRequestOverBothColumns() throws Exception {
    server.enqueue(json(200, "{\"value\":[]}"));
    server.enqueue(
        json(
            200,
            "{\"value\":[{\"contactid\":\"other\",\"mobilephone\":null,\"telephone1\":\""
                + PHONE
                + "\"},{\"contactid\":\""
                + CONTACT
                + "\",\"mobilephone\":\""
                + PHONE
                + "\",\"telephone1\":null}]}"));

    ContactMatch match = activities.resolveContact(new ContactQuery("new@example.com", PHONE));

    assertThat(match).isEqualTo(new ContactMatch(CONTACT, ContactRule.MobilePhone, WORKSTREAM));
    take(server);
    RecordedRequest phone = take(server);
    assertThat(phone.getTarget())
        .isEqualTo(
            API
                + "contacts?$select=contactid%2Cmobilephone%2Ctelephone1"
                + "&$filter=%28mobilephone%20eq%20%27%2B447700900123%27%20or%20telephone1%20eq"
                + "%20%27%2B447700900123%27%29%20and%20statecode%20eq%200&$top=3");
    assertThat(phone.getUrl().queryParameter("$filter"))
        .isEqualTo(
            "(mobilephone eq '+447700900123' or telephone1 eq '+447700900123')"
                + " and statecode eq 0");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aFullPhonePageIsSettledByThePerColumnQueries() throws Exception {
    String row = "{\"contactid\":\"%s\",\"mobilephone\":null,\"telephone1\":\"" + PHONE + "\"}";
    server.enqueue(
        json(
            200,
            "{\"value\":["
                + String.join(",", row.formatted("t1"), row.formatted("t2"), row.formatted("t3"))
                + "]}"));
    server.enqueue(json(200, "{\"value\":[{\"contactid\":\"" + CONTACT + "\"}]}"));

    ContactMatch match = activities.resolveContact(new ContactQuery(null, PHONE));

    assertThat(match).isEqualTo(new ContactMatch(CONTACT, ContactRule.MobilePhone, WORKSTREAM));
    take(server);
    assertThat(take(server).getUrl().queryParameter("$filter"))
        .isEqualTo("mobilephone eq '+447700900123' and statecode eq 0");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void phoneMatchingOffAndNoEmailAsksNothing() {
    DataverseSettings off =
        new DataverseSettings(
            DataverseTestServer.settings(server).environmentUrl(),
            WORKSTREAM,
            false,
            false,
            20,
            48,
            null,
            null);
    DynamicsActivitiesImpl noPhone =
        new DynamicsActivitiesImpl(new DataverseClient(off, tokens), off);

    assertThat(noPhone.resolveContact(new ContactQuery(" ", PHONE)))
        .isEqualTo(new ContactMatch(null, ContactRule.NoMatch, WORKSTREAM));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void createsAMissingContactWithAnIdDerivedFromThePhone() throws Exception {
    DataverseSettings create =
        new DataverseSettings(
            DataverseTestServer.settings(server).environmentUrl(),
            WORKSTREAM,
            true,
            true,
            20,
            48,
            null,
            null);
    DynamicsActivitiesImpl creating =
        new DynamicsActivitiesImpl(new DataverseClient(create, tokens), create);
    server.enqueue(json(200, "{\"value\":[]}"));
    server.enqueue(error(412, "0x80060882", "A record with matching key values already exists."));

    ContactMatch match = creating.resolveContact(new ContactQuery(null, PHONE));

    assertThat(match.rule()).isEqualTo(ContactRule.Created);
    assertThat(match.contactId()).isEqualTo(ContactResolver.contactId(PHONE));
    take(server);
    RecordedRequest patch = take(server);
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getTarget()).isEqualTo(API + "contacts(" + match.contactId() + ")");
    assertStandardHeaders(patch, "token-0", "*");
    assertThat(DataverseTestServer.body(patch).path("mobilephone").asText()).isEqualTo(PHONE);
  }

  // --- work item ----------------------------------------------------------------------------

  @Test
  void createsTheWorkItemAndItsContextItemsInOneAtomicBatch() throws Exception {
    server.enqueue(BatchFormat.answered(5, "204 No Content"));

    WorkItemCreated created = activities.createWorkItem(draft(null, CONTACT));

    assertThat(created).isEqualTo(new WorkItemCreated(WORK_ITEM, false, WORKSTREAM));
    assertThat(server.getRequestCount()).isEqualTo(1);
    RecordedRequest request = take(server);
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("OData-Version")).isEqualTo("4.0");
    assertThat(request.getHeaders().get("OData-MaxVersion")).isEqualTo("4.0");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer token-0");
    List<SentPart> parts = BatchFormat.changeSet(request);
    assertThat(parts).extracting(SentPart::contentId).containsExactly("1", "2", "3", "4", "5");
    for (SentPart part : parts) {
      assertThat(part.headers())
          .containsExactly("Content-Type: application/json", "If-None-Match: *");
    }

    assertThat(parts.get(0).requestLine())
        .isEqualTo("PATCH " + base + "msdyn_ocliveworkitems(" + WORK_ITEM + ") HTTP/1.1");
    JsonNode item = parts.get(0).json();
    assertThat(item.path("subject").asText())
        .isEqualTo("Customer asks for a refund of order 42. The parcel arrived damaged.");
    assertThat(item.path("description").asText())
        .isEqualTo("Customer asks for a refund of order 42.\nThe parcel arrived damaged.");
    assertThat(item.path("msdyn_liveworkstreamid_msdyn_ocliveworkitem@odata.bind").asText())
        .isEqualTo("/msdyn_liveworkstreams(" + WORKSTREAM + ")");
    assertThat(item.path("msdyn_customer_msdyn_ocliveworkitem_contact@odata.bind").asText())
        .isEqualTo("/contacts(" + CONTACT + ")");
    assertThat(item.size()).isEqualTo(4);

    String[][] expected = {
      {"sessionId", SESSION},
      {"channel", "whatsapp"},
      {"customerPhone", PHONE},
      {"whatsappWindowClosesAt", "2026-11-25T10:00:00Z"}
    };
    for (int i = 0; i < expected.length; i++) {
      SentPart part = parts.get(i + 1);
      String id = HandoffIds.contextItemId(WORK_ITEM, expected[i][0]);
      assertThat(part.requestLine())
          .isEqualTo("PATCH " + base + "msdyn_ocliveworkitemcontextitems(" + id + ") HTTP/1.1");
      assertThat(part.json().path("msdyn_name").asText()).isEqualTo(expected[i][0]);
      assertThat(part.json().path("msdyn_value").asText()).isEqualTo(expected[i][1]);
      assertThat(part.json().path("msdyn_isdisplayable").asBoolean()).isTrue();
      assertThat(part.json().path("msdyn_ocliveworkitemid@odata.bind").asText())
          .isEqualTo("/msdyn_ocliveworkitems(" + WORK_ITEM + ")");
      assertThat(part.json().size()).isEqualTo(4);
    }
  }

  @Test
  void theSameDraftSendsTheSameBytes() throws Exception {
    server.enqueue(BatchFormat.answered(5, "204 No Content"));
    server.enqueue(BatchFormat.answered(5, "204 No Content"));

    activities.createWorkItem(draft(null, null));
    activities.createWorkItem(draft(null, null));

    RecordedRequest first = take(server);
    RecordedRequest second = take(server);
    assertThat(second.getHeaders().get("Content-Type"))
        .isEqualTo(first.getHeaders().get("Content-Type"));
    assertThat(second.getBody()).isEqualTo(first.getBody());
    assertThat(
            BatchFormat.changeSet(first)
                .get(0)
                .json()
                .has("msdyn_customer_msdyn_ocliveworkitem_contact@odata.bind"))
        .isFalse();
  }

  @Test
  void aRetryAnswered412ForTheWorkItemAlreadySucceeded() {
    String exists =
        "{\"error\":{\"code\":\"0x80060882\",\"message\":\"A record with matching key values"
            + " already exists.\"}}";
    server.enqueue(BatchFormat.failed("1", "412 Precondition Failed", exists, true));
    server.enqueue(BatchFormat.failed(null, "412 Precondition Failed", exists, false));

    assertThat(activities.createWorkItem(draft(null, null)))
        .isEqualTo(new WorkItemCreated(WORK_ITEM, true, WORKSTREAM));
    assertThat(activities.createWorkItem(draft(null, null)))
        .isEqualTo(new WorkItemCreated(WORK_ITEM, true, WORKSTREAM));
  }

  @Test
  void aMissingWorkstreamInsideTheBatchIsNotFound() {
    server.enqueue(
        BatchFormat.failed(
            "1",
            "404 Not Found",
            "{\"error\":{\"code\":\"0x80040217\",\"message\":\"msdyn_liveworkstream With Id ="
                + " 11111111-2222-3333-4444-555555555555 Does Not Exist\"}}",
            false));

    assertThatThrownBy(
            () -> activities.createWorkItem(draft("11111111-2222-3333-4444-555555555555", null)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("DataverseNotFound");
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage())
                  .contains("PATCH msdyn_ocliveworkitems", "404", "0x80040217", "Does Not Exist");
            });
  }

  @Test
  void aRejectedContextItemIsABadRequestNamingItsEntitySet() {
    server.enqueue(
        BatchFormat.failed(
            "3",
            "400 Bad Request",
            "{\"error\":{\"code\":\"0x80044331\",\"message\":\"A validation error occurred.\"}}",
            true));

    assertThatThrownBy(() -> activities.createWorkItem(draft(null, null)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("DataverseBadRequest");
              assertThat(f.getOriginalMessage())
                  .contains("msdyn_ocliveworkitemcontextitems", "A validation error occurred.");
            });
  }

  @Test
  void throttledBatchCarriesRetryAfter() {
    server.enqueue(
        error(429, "0x80072326", "Combined execution time exceeded")
            .newBuilder()
            .setHeader("Retry-After", "3")
            .build());

    assertThatThrownBy(() -> activities.createWorkItem(draft(null, null)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("DataverseThrottled");
              assertThat(f.getNextRetryDelay()).hasSeconds(3);
            });
  }

  @Test
  void anExplicitWorkstreamWins() throws Exception {
    String other = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    server.enqueue(BatchFormat.answered(5, "204 No Content"));

    activities.createWorkItem(draft(other, null));

    assertThat(
            BatchFormat.changeSet(take(server))
                .get(0)
                .json()
                .path("msdyn_liveworkstreamid_msdyn_ocliveworkitem@odata.bind")
                .asText())
        .isEqualTo("/msdyn_liveworkstreams(" + other + ")");
  }

  @Test
  void aWorkstreamThatIsNotAGuidFailsWithoutARequest() {
    assertThatThrownBy(() -> activities.createWorkItem(draft("queue-1", null)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("DataverseBadRequest");
              assertThat(f.isNonRetryable()).isTrue();
            });
    assertThat(server.getRequestCount()).isZero();
  }

  // --- template window and state ------------------------------------------------------------

  @Test
  void templateWindowUpsertsBothContextItems() throws Exception {
    server.enqueue(BatchFormat.answered(2, "204 No Content"));

    activities.updateTemplateWindow(
        new WindowUpdate(WORK_ITEM, SESSION, Instant.parse("2026-11-26T09:30:00.250Z"), false));

    List<SentPart> parts = BatchFormat.changeSet(take(server));
    assertThat(parts).hasSize(2);
    for (SentPart part : parts) {
      assertThat(part.headers()).containsExactly("Content-Type: application/json");
    }
    assertThat(parts.get(0).requestLine())
        .contains(
            "msdyn_ocliveworkitemcontextitems("
                + HandoffIds.contextItemId(WORK_ITEM, "whatsappWindowClosesAt")
                + ")");
    assertThat(parts.get(0).json().path("msdyn_value").asText()).isEqualTo("2026-11-26T09:30:00Z");
    assertThat(parts.get(1).requestLine())
        .contains(HandoffIds.contextItemId(WORK_ITEM, "whatsappWindowOpen"));
    assertThat(parts.get(1).json().path("msdyn_name").asText()).isEqualTo("whatsappWindowOpen");
    assertThat(parts.get(1).json().path("msdyn_value").asText()).isEqualTo("false");
  }

  @Test
  void conversationClosedOrResolvedMeansClosed() throws Exception {
    server.enqueue(json(200, "{\"statecode\":0,\"statuscode\":2}"));
    server.enqueue(json(200, "{\"statecode\":1,\"statuscode\":4}"));
    server.enqueue(json(200, "{\"statecode\":2,\"statuscode\":6}"));

    assertThat(activities.isConversationClosed(WORK_ITEM)).isFalse();
    assertThat(activities.isConversationClosed(WORK_ITEM)).isTrue();
    assertThat(activities.isConversationClosed(WORK_ITEM)).isTrue();
    RecordedRequest request = take(server);
    assertThat(request.getUrl().encodedPath())
        .isEqualTo(API + "msdyn_ocliveworkitems(" + WORK_ITEM + ")");
    assertThat(request.getUrl().queryParameter("$select")).isEqualTo("statecode,statuscode");
  }

  @Test
  void closingTheWorkItemIsAnUpdateOnlyPatchWithTheMatchingStatus() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());
    server.enqueue(json(404, "{\"error\":{\"code\":\"0x80040217\",\"message\":\"gone\"}}"));

    activities.closeWorkItem(WORK_ITEM);
    activities.closeWorkItem(WORK_ITEM); // gone meanwhile: nothing to close, no failure

    RecordedRequest request = take(server);
    assertThat(request.getMethod()).isEqualTo("PATCH");
    assertThat(request.getUrl().encodedPath())
        .isEqualTo(API + "msdyn_ocliveworkitems(" + WORK_ITEM + ")");
    assertThat(request.getHeaders().get("If-Match")).isEqualTo("*");
    assertThat(request.getHeaders().values("If-None-Match")).isEmpty();
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonNode body = DataverseTestServer.body(request);
    assertThat(body.get("statecode").asInt()).isEqualTo(1);
    assertThat(body.get("statuscode").asInt()).isEqualTo(4);
    assertThat(body.size()).isEqualTo(2);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  private static WorkItemDraft draft(String workstream, String contact) {
    return new WorkItemDraft(
        WORK_ITEM,
        SESSION,
        workstream,
        contact,
        "  Customer asks for a refund of order 42.\nThe parcel arrived damaged. ",
        PHONE,
        Instant.parse("2026-11-25T10:00:00Z"));
  }
}
