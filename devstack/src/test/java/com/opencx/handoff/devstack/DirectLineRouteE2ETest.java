package com.opencx.handoff.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.emulators.DemoData;
import com.opencx.handoff.emulators.http.Fault;
import com.opencx.handoff.emulators.opencx.Session;
import com.opencx.handoff.workflows.HandoffIds;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Direct Line route end to end (SPEC §10) on a real Temporal server: a handoff started through
 * the API reaches the rep's side of the custom channel with the summary and the four context
 * variables, Omnichannel's simulated routing creates the work item and links the contact, OpenCX
 * learns that work item as {@code dynamics365_chat_id}; then three customer messages, one with an
 * image (uploaded into the conversation right after its text) and one whose post Direct Line
 * answers 502 after storing it, reach the rep in order and exactly once.
 */
@Tag("e2e")
class DirectLineRouteE2ETest {

  @TempDir static Path dataDir;
  static DevStack stack;
  static HandoffScenario scenario;

  @BeforeAll
  static void start() throws Exception {
    stack = DevStackTest.onRealServer(dataDir, Map.of("dynamics.route", "direct-line"));
    scenario = new HandoffScenario(stack);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /**
   * The handoff's own sends (start, posts, uploads). The reply relay's reads (GET and reconnect)
   * are counted apart: they are the rep side's cost, not the handoff's.
   */
  private static long directLineRequests() {
    return stack.directLine.requestLog().stream()
        .filter(line -> line.startsWith("POST /v3/directline/"))
        .count();
  }

  /**
   * What the rep's side holds from the customer after the handoff, in order: each text, and each
   * file as {@code file <name>}.
   */
  @SuppressWarnings("unchecked")
  private static List<String> customerSide(String conversation) {
    return stack.directLine.activities(conversation).stream()
        .filter(a -> "message".equals(a.get("type")))
        .filter(a -> !String.valueOf(a.get("text")).startsWith("Summary from the AI:"))
        .map(
            a ->
                a.get("attachments") instanceof List<?> files && !files.isEmpty()
                    ? "file " + ((Map<String, Object>) files.get(0)).get("name")
                    : String.valueOf(a.get("text")))
        .toList();
  }

  @Test
  void theRepReadsTheHandoffAndEachCustomerMessageOnceInOrder() throws Exception {
    String sessionId = scenario.newSession();
    stack.dataverse.resetCounters();
    long directLineBefore = directLineRequests();
    assertThat(scenario.post("/v1/handoffs", HandoffScenario.startBody(sessionId)).statusCode())
        .isEqualTo(202);
    JsonNode status =
        scenario.awaitStatus(sessionId, s -> "HandedOff".equals(s.path("phase").asText()));
    String workItemId = status.path("workItemId").asText();
    assertThat(workItemId).isNotEqualTo(HandoffIds.workItemId(sessionId)); // Omnichannel's own
    assertThat(status.path("contactLinkedBy").asText()).isEqualTo("omnichannel");
    String conversation = stack.directLine.conversationOf(workItemId).orElseThrow();

    Map<String, Object> first = stack.directLine.activities(conversation).get(0);
    assertThat(String.valueOf(first.get("text"))).contains("Summary from the AI:");
    @SuppressWarnings("unchecked")
    Map<String, Object> channelData = (Map<String, Object>) first.get("channelData");
    @SuppressWarnings("unchecked")
    Map<String, Object> context = (Map<String, Object>) channelData.get("conversationcontext");
    assertThat(context)
        .containsKeys("sessionId", "channel", "customerPhone", "whatsappWindowClosesAt")
        .containsEntry("sessionId", sessionId);
    @SuppressWarnings("unchecked")
    Map<String, Object> customer = (Map<String, Object>) channelData.get("customercontext");
    assertThat(customer).containsKeys("email", "phonenumber");
    assertThat(stack.dataverse.record("msdyn_ocliveworkitems", workItemId).orElseThrow())
        .containsKey("_msdyn_customer_value");
    assertThat(stack.openCx.session(sessionId).map(Session::dynamicsChatId)).contains(workItemId);
    long dataverseRequests = stack.dataverse.requestCount();
    long directLineRequests = directLineRequests() - directLineBefore;
    System.out.printf(
        "direct-line route, one handoff without media: %d Dataverse requests %s, %d Direct Line"
            + " requests%n",
        dataverseRequests, stack.dataverse.requestLog(), directLineRequests);
    assertThat(directLineRequests).as("start the conversation, post the summary").isEqualTo(2);
    assertThat(dataverseRequests)
        .as("contact lookup, then the routing wait's reads")
        .isLessThanOrEqualTo(4);

    stack.openCx.addMedia(sessionId, "img-1", "image/jpeg", new byte[4096]);
    stack.directLine.injectFault(Fault.statusAfterCommit("POST", "/activities", 502, 1));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (String[] message :
        List.of(
            new String[] {"wamid-1", "is anyone there?", ""},
            new String[] {"wamid-2", "here is the receipt", "img-1"},
            new String[] {"wamid-3", "thanks", ""})) {
      String media =
          message[2].isEmpty()
              ? "[]"
              : "[{\"mediaId\":\"" + message[2] + "\",\"mimeType\":\"image/jpeg\"}]";
      String body =
          "{\"messageId\":\"%s\",\"receivedAt\":\"%s\",\"text\":\"%s\",\"media\":%s}"
              .formatted(message[0], now, message[1], media);
      assertThat(scenario.post("/v1/handoffs/" + sessionId + "/messages", body).statusCode())
          .isEqualTo(202);
    }

    List<String> customerSide = customerSide(conversation);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (customerSide.size() < 4 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      customerSide = customerSide(conversation);
    }
    Thread.sleep(1000); // a duplicate would arrive right after
    assertThat(customerSide(conversation))
        .containsExactly(
            "is anyone there?", "here is the receipt", "file whatsapp-img-1.jpeg", "thanks");
    System.out.printf(
        "three customer messages, one post answered 502 after it was stored: %d Direct Line"
            + " sends in all%n",
        directLineRequests() - directLineBefore - directLineRequests);

    scenario.post("/v1/handoffs/" + sessionId + "/close", "{\"reason\":\"e2e done\"}");
    scenario.awaitStatus(sessionId, s -> "Closed".equals(s.path("phase").asText()));
  }

  /**
   * The banner's two requests reach the rep's chat (on a session of its own: the dev server may
   * hold the demo session from an earlier run, under another payload key).
   */
  @Test
  void theBannersDemoReachesTheRepsChatWithThePhoto() throws Exception {
    String sessionId = scenario.newSession();
    stack.openCx.addMedia(sessionId, DemoData.PHOTO_MEDIA_ID, DemoData.PHOTO_TYPE, new byte[64]);
    assertThat(stack.banner())
        .contains(
            DemoRequest.messageCurl(stack.apiUrl(), DevStack.API_TOKEN).split("receivedAt")[0]);
    String start = DemoRequest.json().replace(DemoData.SESSION_ID, sessionId);
    assertThat(scenario.post("/v1/handoffs", start).statusCode()).isEqualTo(202);
    JsonNode status =
        scenario.awaitStatus(sessionId, s -> "HandedOff".equals(s.path("phase").asText()));
    String conversation = status.path("conversationId").asText();

    assertThat(
            scenario
                .post("/v1/handoffs/" + sessionId + "/messages", DemoRequest.messageJson())
                .statusCode())
        .isEqualTo(202);

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (customerSide(conversation).size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(customerSide(conversation))
        .containsExactly("Here is the bank statement showing both payments.", "file statement.png");
  }
}
