package com.opencx.handoff.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole conversation on the Direct Line route, on a real Temporal server, with the template
 * window shortened to one minute by configuration: the handoff, a customer message, the rep's reply
 * delivered to OpenCX, the window closing (the rep told), a free-form reply held (the rep told,
 * OpenCX never sees it), a template reply delivered, and the rep's end closing the handoff with
 * {@code handoff-ended} at OpenCX and the audit.
 */
@Tag("e2e")
class RepConversationE2ETest {

  @TempDir static Path dataDir;
  static DevStack stack;
  static HandoffScenario scenario;

  @BeforeAll
  static void start() throws Exception {
    stack =
        DevStackTest.onRealServer(
            dataDir,
            Map.of("dynamics.route", "direct-line", "handoff.policy.template-window", "1m"));
    scenario = new HandoffScenario(stack);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void handoffReplyWindowHeldReplyTemplateAndTheRepsEnd() throws Exception {
    String sessionId = scenario.newSession();
    Instant lastInbound = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(20);
    ObjectNode start =
        (ObjectNode) HandoffScenario.JSON.readTree(HandoffScenario.startBody(sessionId));
    start.put("lastInboundAt", lastInbound.toString());
    assertThat(scenario.post("/v1/handoffs", start.toString()).statusCode()).isEqualTo(202);
    String conversation =
        scenario
            .awaitStatus(sessionId, s -> "HandedOff".equals(s.path("phase").asText()))
            .path("conversationId")
            .asText();

    String message =
        "{\"messageId\":\"wamid-c1\",\"receivedAt\":\"%s\",\"text\":\"Is my refund coming?\",\"media\":[]}"
            .formatted(lastInbound);
    assertThat(scenario.post("/v1/handoffs/" + sessionId + "/messages", message).statusCode())
        .isEqualTo(202);
    awaitTrue(() -> texts(conversation).contains("Is my refund coming?"), "the customer's text");

    stack.directLine.repReply(conversation, "Yes, it left today.");
    awaitTrue(() -> agentTexts(sessionId).contains("Yes, it left today."), "the reply at OpenCX");

    awaitTrue(
        () -> texts(conversation).stream().anyMatch(t -> t.contains("window closed at")),
        "the rep told the window closed");
    stack.directLine.repReply(conversation, "Anything else?");
    awaitTrue(
        () -> texts(conversation).stream().anyMatch(t -> t.startsWith("Not sent:")),
        "the rep told the reply was not sent");

    stack.directLine.repReply(conversation, "/template follow_up");
    awaitTrue(
        () ->
            stack.openCx.agentMessages(sessionId).stream()
                .anyMatch(
                    m ->
                        m.get("template") instanceof Map<?, ?> t
                            && "follow_up".equals(t.get("name"))),
        "the template at OpenCX");

    stack.directLine.repEnd(conversation);
    JsonNode closed =
        scenario.awaitStatus(sessionId, s -> "Closed".equals(s.path("phase").asText()));
    assertThat(closed.path("outcomeReason").asText()).isEqualTo("the rep ended the conversation");
    assertThat(stack.openCx.handoffEnded(sessionId)).isPresent();
    scenario.awaitAudit(sessionId, "handoff.closed");
    assertThat(agentTexts(sessionId)).containsExactly("Yes, it left today.");
    assertThat(stack.openCx.agentMessages(sessionId)).hasSize(2);
  }

  private static List<String> texts(String conversation) {
    return stack.directLine.activities(conversation).stream()
        .map(a -> String.valueOf(a.get("text")))
        .toList();
  }

  private static List<Object> agentTexts(String sessionId) {
    return stack.openCx.agentMessages(sessionId).stream()
        .filter(m -> m.containsKey("text"))
        .map(m -> m.get("text"))
        .toList();
  }

  private static void awaitTrue(Supplier<Boolean> condition, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!condition.get() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(condition.get()).as(what).isTrue();
  }
}
