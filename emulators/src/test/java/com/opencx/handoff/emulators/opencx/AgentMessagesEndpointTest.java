package com.opencx.handoff.emulators.opencx;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.emulators.TestHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /v1/sessions/{id}/agent-messages} over real HTTP: idempotency by messageId, the
 * 24-hour window judged by the emulator's clock (free-form refused with 422, a template accepted),
 * the handed-off precondition, and a 400 naming the field for every broken rule.
 */
class AgentMessagesEndpointTest {

  private static final String KEY = "opencx-key";
  private static final Instant LAST_INBOUND = Instant.parse("2025-01-02T10:00:00Z");
  private static final Instant CLOSES_AT = LAST_INBOUND.plus(Duration.ofHours(24));
  private static final String PATH = "/v1/sessions/s-1/agent-messages";

  private final MutableClock clock = new MutableClock(LAST_INBOUND.plus(Duration.ofHours(1)));
  private OpenCxEmulator openCx;
  private TestHttp http;

  @BeforeEach
  void start() {
    openCx = OpenCxEmulator.start(0, KEY, clock);
    openCx.addSession(session("s-1", "handed_off"));
    openCx.addMedia("s-1", "m-1", "image/jpeg", new byte[] {1, 2, 3});
    http = new TestHttp(openCx.baseUrl(), KEY);
  }

  @AfterEach
  void stop() {
    openCx.close();
  }

  @Test
  void aMessageIsCreatedOnceAndAResendKeepsTheFirstBody() throws Exception {
    TestHttp.Result first = http.send("POST", PATH, TestHttp.json(text("msg-1", "Hello Ann")));
    TestHttp.Result again = http.send("POST", PATH, TestHttp.json(text("msg-1", "Changed")));

    assertThat(first.status()).isEqualTo(201);
    assertThat(first.json()).containsEntry("messageId", "msg-1").containsEntry("duplicate", false);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).containsEntry("duplicate", true);
    assertThat(openCx.agentMessages("s-1"))
        .singleElement()
        .satisfies(m -> assertThat(m).containsEntry("text", "Hello Ann"));
  }

  @Test
  void messagesAreKeptInOrderPerSession() throws Exception {
    http.send("POST", PATH, TestHttp.json(text("msg-2", "second")));
    http.send("POST", PATH, TestHttp.json(text("msg-1", "first")));

    assertThat(openCx.agentMessages("s-1"))
        .extracting(m -> m.get("messageId"))
        .containsExactly("msg-2", "msg-1");
    assertThat(openCx.agentMessages("other")).isEmpty();
  }

  @Test
  void freeFormIsRefusedFromTheMomentTheWindowCloses() throws Exception {
    clock.set(CLOSES_AT.minusMillis(1));
    assertThat(http.send("POST", PATH, TestHttp.json(text("msg-1", "in time"))).status())
        .isEqualTo(201);

    clock.set(CLOSES_AT);
    TestHttp.Result late = http.send("POST", PATH, TestHttp.json(text("msg-2", "too late")));
    Map<String, Object> attachmentOnly = message("msg-3");
    attachmentOnly.put("attachments", List.of(Map.of("mediaId", "m-1")));
    TestHttp.Result lateFile = http.send("POST", PATH, TestHttp.json(attachmentOnly));

    assertThat(late.status()).isEqualTo(422);
    assertThat(late.json())
        .isEqualTo(Map.of("error", "window_closed", "closedAt", "2025-01-03T10:00:00Z"));
    assertThat(lateFile.status()).isEqualTo(422);
    assertThat(openCx.agentMessages("s-1")).hasSize(1);
  }

  @Test
  void aTemplateIsAcceptedOutsideTheWindow() throws Exception {
    clock.set(CLOSES_AT.plus(Duration.ofDays(3)));

    TestHttp.Result sent =
        http.send("POST", PATH, TestHttp.json(template("msg-1", "order_update", "A-1234")));

    assertThat(sent.status()).isEqualTo(201);
    assertThat(openCx.agentMessages("s-1").get(0))
        .containsEntry(
            "template",
            Map.of("name", "order_update", "language", "en", "parameters", List.of("A-1234")));
  }

  @Test
  void theCustomerWritingAgainReopensTheWindowButNeverMovesItBack() throws Exception {
    clock.set(CLOSES_AT.plus(Duration.ofHours(2)));
    Instant wroteAt = CLOSES_AT.plus(Duration.ofHours(1));

    openCx.customerWrote("s-1", wroteAt);
    openCx.customerWrote("s-1", LAST_INBOUND);

    assertThat(openCx.session("s-1").orElseThrow().lastInboundAt()).isEqualTo(wroteAt);
    assertThat(http.send("POST", PATH, TestHttp.json(text("msg-1", "hi again"))).status())
        .isEqualTo(201);
  }

  @Test
  void aSessionThatIsNotHandedOffIsAConflictAndAnUnknownOneIsNotFound() throws Exception {
    openCx.addSession(session("s-2", "ai"));

    TestHttp.Result notHandedOff =
        http.send("POST", "/v1/sessions/s-2/agent-messages", TestHttp.json(text("m", "x")));
    TestHttp.Result unknown =
        http.send("POST", "/v1/sessions/nope/agent-messages", TestHttp.json(text("m", "x")));

    assertThat(notHandedOff.status()).isEqualTo(409);
    assertThat(notHandedOff.errorMessage()).contains("not handed off");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(openCx.agentMessages("s-2")).isEmpty();
  }

  @Test
  void aResendIsAcceptedEvenAfterTheHandoffEndedOrTheWindowClosed() throws Exception {
    String body = TestHttp.json(text("msg-1", "delivered, answer lost"));
    http.send("POST", PATH, body);
    clock.set(CLOSES_AT.plus(Duration.ofHours(1)));
    openCx.addSession(session("s-1", "ai"));

    assertThat(http.send("POST", PATH, body).status()).isEqualTo(200);
  }

  static Stream<Arguments> brokenMessages() {
    return Stream.of(
        Arguments.of(without(text("x", "hi"), "messageId"), "messageId"),
        Arguments.of(with(text("m", "hi"), "sentAt", "yesterday"), "sentAt"),
        Arguments.of(without(text("m", "hi"), "sentAt"), "sentAt"),
        Arguments.of(message("m"), "text"),
        Arguments.of(with(text("m", "hi"), "text", " "), "text"),
        Arguments.of(with(text("m", "hi"), "agentName", 7), "agentName"),
        Arguments.of(with(template("m", "order_update", "A-1"), "text", "hi"), "template"),
        Arguments.of(
            with(template("m", "follow_up"), "attachments", List.of(Map.of("mediaId", "m-1"))),
            "template"),
        Arguments.of(template("m", "no_such_template"), "template.name"),
        Arguments.of(templateIn("m", "order_update", "fr", "A-1"), "template.language"),
        Arguments.of(template("m", "order_update"), "template.parameters"),
        Arguments.of(template("m", "order_update", "Ann's order", "extra"), "template.parameters"),
        Arguments.of(
            with(message("m"), "template", Map.of("name", "follow_up", "language", "en")),
            "template.parameters"),
        Arguments.of(
            with(message("m"), "attachments", List.of(Map.of("mediaId", "unknown"))),
            "attachments[0].mediaId"),
        Arguments.of(
            with(message("m"), "attachments", List.of(Map.of("mediaId", "m-1"), Map.of())),
            "attachments[1].mediaId"),
        Arguments.of(with(text("m", "hi"), "attachments", "m-1"), "attachments"));
  }

  @ParameterizedTest
  @MethodSource("brokenMessages")
  void aBrokenMessageIsRefusedNamingTheField(Map<String, Object> body, String field)
      throws Exception {
    TestHttp.Result refused = http.send("POST", PATH, TestHttp.json(body));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorMessage()).contains("'" + field + "'").doesNotContain("Ann");
    assertThat(openCx.agentMessages("s-1")).isEmpty();
  }

  static Map<String, Object> message(String messageId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messageId", messageId);
    body.put("sentAt", "2025-01-02T11:00:00Z");
    body.put("agentName", "Rep One");
    return body;
  }

  static Map<String, Object> text(String messageId, String text) {
    return with(message(messageId), "text", text);
  }

  static Map<String, Object> template(String messageId, String name, String... parameters) {
    return templateIn(messageId, name, "en", parameters);
  }

  private static Map<String, Object> templateIn(
      String messageId, String name, String language, String... parameters) {
    return with(
        message(messageId),
        "template",
        Map.of("name", name, "language", language, "parameters", List.of(parameters)));
  }

  private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
    body.put(field, value);
    return body;
  }

  private static Map<String, Object> without(Map<String, Object> body, String field) {
    body.remove(field);
    return body;
  }

  static Session session(String id, String status) {
    return new Session(
        id,
        "whatsapp",
        status,
        "Ann",
        "ann@example.com",
        "+14155550100",
        "Wants a refund.",
        LAST_INBOUND,
        "handed_off".equals(status) ? "0f8fad5b-d9cb-469f-a165-70867728950e" : null);
  }
}
