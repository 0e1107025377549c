package com.opencx.handoff.activities.dynamics;

import static com.opencx.handoff.activities.dynamics.DataverseTestServer.assertStandardHeaders;
import static com.opencx.handoff.activities.dynamics.DataverseTestServer.error;
import static com.opencx.handoff.activities.dynamics.DataverseTestServer.json;
import static com.opencx.handoff.activities.dynamics.DataverseTestServer.noContent;
import static com.opencx.handoff.activities.dynamics.DataverseTestServer.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP behaviour every Dataverse call shares, against a real local server. */
class DataverseClientTest {

  @StartStop private final MockWebServer server = new MockWebServer();

  private final CountingTokens tokens = new CountingTokens();
  private DataverseClient client;

  @BeforeEach
  void setUp() {
    client = new DataverseClient(DataverseTestServer.settings(server), tokens);
  }

  @Test
  void getSendsTheODataHeadersAndEncodesTheQueryButNotTheOptionNames() throws Exception {
    server.enqueue(json(200, "{\"value\":[{\"contactid\":\"c1\"}]}"));
    Map<String, String> query = new LinkedHashMap<>();
    query.put("$select", "contactid");
    query.put("$filter", "emailaddress1 eq 'o''brien+vip@example.com' and statecode eq 0");

    JsonNode page = client.get("contacts", query);

    assertThat(page.path("value").get(0).path("contactid").asText()).isEqualTo("c1");
    RecordedRequest request = take(server);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget())
        .isEqualTo(
            "/api/data/v9.2/contacts?$select=contactid&$filter=emailaddress1%20eq%20"
                + "%27o%27%27brien%2Bvip%40example.com%27%20and%20statecode%20eq%200");
    assertThat(request.getUrl().queryParameter("$filter"))
        .isEqualTo("emailaddress1 eq 'o''brien+vip@example.com' and statecode eq 0");
    assertStandardHeaders(request, "token-0", "null");
    assertThat(request.getHeaders().get("Content-Type")).isNull();
  }

  @Test
  void createIfAbsentIsAConditionalPatchAnd412MeansItExists() throws Exception {
    server.enqueue(noContent());
    server.enqueue(error(412, "0x80060882", "A record with matching key values already exists."));
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("subject", "x");

    assertThat(client.createIfAbsent("annotations", "a-1", body)).isTrue();
    assertThat(client.createIfAbsent("annotations", "a-1", body)).isFalse();

    RecordedRequest first = take(server);
    assertThat(first.getMethod()).isEqualTo("PATCH");
    assertThat(first.getTarget()).isEqualTo("/api/data/v9.2/annotations(a-1)");
    assertStandardHeaders(first, "token-0", "*");
    assertThat(first.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(first.getBody().utf8()).isEqualTo("{\"subject\":\"x\"}");
    assertThat(client.requestCountsByStatus()).containsEntry("204", 1L).containsEntry("412", 1L);
  }

  @Test
  void expiredTokenIsRefreshedOnceAndTheRequestRetried() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(401)
            .setHeader(
                "WWW-Authenticate",
                "Bearer error=invalid_token, error_description=\"ExpiredAuthTicket\"")
            .build());
    server.enqueue(json(200, "{\"statecode\":0}"));

    JsonNode item = client.get("msdyn_ocliveworkitems(w-1)", Map.of("$select", "statecode"));

    assertThat(item.path("statecode").asInt()).isZero();
    assertThat(tokens.refreshes).hasValue(1);
    assertThat(take(server).getHeaders().get("Authorization")).isEqualTo("Bearer token-0");
    assertThat(take(server).getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
  }

  @Test
  void stillUnauthorizedAfterOneRefreshIsNonRetryable() {
    server.enqueue(error(401, "", "ExpiredAuthTicket"));
    server.enqueue(error(401, "", "ExpiredAuthTicket"));

    assertFailure(
        () -> client.get("contacts", Map.of()),
        f -> {
          assertThat(f.getType()).isEqualTo("DataverseUnauthorized");
          assertThat(f.isNonRetryable()).isTrue();
        });
    assertThat(tokens.refreshes).hasValue(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void throttlingCarriesRetryAfterSecondsAsTheNextRetryDelay() {
    server.enqueue(
        error(429, "0x80072322", "Number of requests exceeded the limit of 6000")
            .newBuilder()
            .setHeader("Retry-After", "17")
            .build());

    assertFailure(
        () -> client.post("UploadBlock", JsonNodeFactory.instance.objectNode()),
        f -> {
          assertThat(f.getType()).isEqualTo("DataverseThrottled");
          assertThat(f.isNonRetryable()).isFalse();
          assertThat(f.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(17));
          assertThat(f.getOriginalMessage())
              .contains("POST UploadBlock", "429", "0x80072322", "exceeded the limit");
        });
  }

  @Test
  void throttlingUnderstandsAnHttpDateRetryAfter() {
    String inAMinute =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
    server.enqueue(error(429, "", "").newBuilder().setHeader("Retry-After", inAMinute).build());

    assertFailure(
        () -> client.get("contacts", Map.of()),
        f ->
            assertThat(f.getNextRetryDelay())
                .isBetween(Duration.ofSeconds(55), Duration.ofSeconds(62)));
  }

  @Test
  void throttlingWithoutRetryAfterLeavesTheDelayToThePolicy() {
    server.enqueue(error(429, "", ""));

    assertFailure(
        () -> client.get("contacts", Map.of()), f -> assertThat(f.getNextRetryDelay()).isNull());
  }

  @Test
  void badRequestIsNonRetryableWithTheDataverseMessageButNotTheQuery() {
    // Dataverse echoes the query's values back in its message, as real orgs and the emulator do.
    server.enqueue(
        error(
            400,
            "0x0",
            "Could not find a property named 'emailaddress' on type 'contact'. Invalid $filter"
                + " 'emailaddress eq 'secret@example.com' or mobilephone eq '+44 7700 900123''"));

    assertFailure(
        () -> client.get("contacts", Map.of("$filter", "emailaddress eq 'secret@example.com'")),
        f -> {
          assertThat(f.getType()).isEqualTo("DataverseBadRequest");
          assertThat(f.isNonRetryable()).isTrue();
          assertThat(f.getOriginalMessage())
              .contains("GET contacts", "400", "Could not find a property named 'emailaddress'")
              .contains("[email]", "[phone]")
              .doesNotContain("secret@example.com")
              .doesNotContain("7700 900123");
        });
  }

  @Test
  void forbiddenAndNotFoundAreNonRetryable() {
    server.enqueue(
        error(403, "0x80040220", "Principal user is missing prvCreatemsdyn_ocliveworkitem"));
    server.enqueue(error(404, "0x80040217", "msdyn_liveworkstream With Id = x Does Not Exist"));

    assertFailure(
        () -> client.get("contacts", Map.of()),
        f -> assertThat(f.getType()).isEqualTo("DataverseForbidden"));
    assertFailure(
        () -> client.get("msdyn_liveworkstreams(x)", Map.of()),
        f -> {
          assertThat(f.getType()).isEqualTo("DataverseNotFound");
          assertThat(f.getOriginalMessage()).contains("GET msdyn_liveworkstreams");
        });
  }

  @Test
  void serverErrorsAreRetryable() {
    server.enqueue(
        new MockResponse.Builder().code(503).body("<html>Service Unavailable</html>").build());

    assertFailure(
        () -> client.get("contacts", Map.of()),
        f -> {
          assertThat(f.getType()).isEqualTo("DataverseUnavailable");
          assertThat(f.isNonRetryable()).isFalse();
          assertThat(f.getOriginalMessage()).contains("503");
        });
    assertThat(client.requestCountsByStatus()).containsEntry("503", 1L);
  }

  @Test
  void connectionFailureIsRetryable() throws Exception {
    MockWebServer gone = new MockWebServer();
    gone.start();
    DataverseSettings settings = DataverseTestServer.settings(gone);
    gone.close();
    DataverseClient offline = new DataverseClient(settings, tokens);

    assertFailure(
        () -> offline.get("contacts", Map.of()),
        f -> {
          assertThat(f.getType()).isEqualTo("DataverseUnavailable");
          assertThat(f.isNonRetryable()).isFalse();
          assertThat(f.getOriginalMessage()).contains("GET contacts", "no answer");
        });
    assertThat(offline.requestCountsByStatus()).containsEntry("io_error", 1L);
  }

  @Test
  void aRedirectIsNotFollowedSoTheTokenStaysWithTheEnvironment() throws Exception {
    try (MockWebServer elsewhere = new MockWebServer()) {
      elsewhere.start();
      server.enqueue(
          new MockResponse.Builder()
              .code(302)
              .setHeader("Location", elsewhere.url("/steal").toString())
              .build());

      assertFailure(
          () -> client.get("contacts", Map.of()),
          f -> assertThat(f.getOriginalMessage()).contains("302"));
      assertThat(elsewhere.getRequestCount()).isZero();
    }
  }

  @Test
  void aResourceThatEscapesTheApiRootIsRefused() {
    assertThatThrownBy(() -> client.get("../../../other", Map.of()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void retryAfterParsing() {
    assertThat(DataverseException.retryAfter("5")).isEqualTo(Duration.ofSeconds(5));
    assertThat(DataverseException.retryAfter(null)).isNull();
    assertThat(DataverseException.retryAfter("0")).isNull();
    assertThat(DataverseException.retryAfter("soon")).isNull();
    assertThat(DataverseException.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
  }

  /** Runs {@code call}, expects a DataverseException and checks the failure an activity throws. */
  static void assertFailure(ThrowingCallable call, Consumer<ApplicationFailure> check) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            DataverseException.class, e -> check.accept(e.toApplicationFailure()));
  }
}
