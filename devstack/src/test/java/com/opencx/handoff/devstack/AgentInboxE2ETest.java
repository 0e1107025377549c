package com.opencx.handoff.devstack;

import static com.opencx.handoff.devstack.DevToolsPage.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.emulators.DemoData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent inbox in a real browser on the Direct Line route: a handoff and a customer's photo
 * reach the inbox page with the chat's context variables, and a reply typed into the page's box and
 * sent with a click lands in the Direct Line conversation from the bot handle (the rep's side).
 * Needs {@code chromium} on the PATH (skipped otherwise) and a real Temporal server, hence e2e.
 * With {@code -Dhandoff.screenshots=true} it writes the page as {@code docs/agent-inbox.png}.
 */
@Tag("e2e")
class AgentInboxE2ETest {

  /** What the rep sent from the inbox, for assertions on where it goes next. */
  record RepReply(String sessionId, String conversationId, String text) {}

  @TempDir static Path dataDir;
  static DevStack stack;
  static HandoffScenario scenario;
  static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws Exception {
    Optional<Path> binary = HeadlessChromium.onPath();
    if (binary.isEmpty()) {
      return; // each test is then skipped by the assumption below, and nothing is started
    }
    stack = DevStackTest.onRealServer(dataDir, Map.of("dynamics.route", "direct-line"));
    scenario = new HandoffScenario(stack);
    chromium = HeadlessChromium.start(binary.get(), Files.createTempDirectory("agent-inbox-"));
  }

  @BeforeEach
  void needsChromium() {
    assumeTrue(chromium != null, "no chromium on the PATH (apt-get install chromium)");
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aReplyTypedIntoTheInboxReachesTheDirectLineConversationFromTheRep() throws Exception {
    RepReply reply = replyFromTheInbox();

    assertThat(stack.directLine.activities(reply.conversationId()))
        .filteredOn(a -> reply.text().equals(a.get("text")))
        .singleElement()
        .satisfies(a -> assertThat(a).containsEntry("type", "message"))
        .extracting(a -> a.get("from"))
        .isEqualTo(Map.of("id", DevStack.BOT_HANDLE, "name", "Omnichannel Agent", "role", "bot"));
    // ... and the relay carries it on to the customer through OpenCX, once
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (stack.openCx.agentMessages(reply.sessionId()).isEmpty()
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    Thread.sleep(1000); // a duplicate would follow
    assertThat(stack.openCx.agentMessages(reply.sessionId()))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m)
                    .containsEntry("text", reply.text())
                    .containsEntry("agentName", "Omnichannel Agent"));
  }

  /**
   * Hands a fresh session off, lets its customer send the demo photo, and has the rep answer from
   * the inbox page; returns once the reply is in the Direct Line conversation and shown on the
   * page. The extension point for the relay to OpenCX: a test of it calls this and then asserts
   * that {@link RepReply#text()} reaches the OpenCX emulator's session {@link
   * RepReply#sessionId()}.
   */
  static RepReply replyFromTheInbox() throws Exception {
    String sessionId = scenario.newSession();
    stack.openCx.addMedia(sessionId, DemoData.PHOTO_MEDIA_ID, DemoData.PHOTO_TYPE, new byte[64]);
    String conversation = handOff(sessionId);
    String message = "/v1/handoffs/" + sessionId + "/messages";
    assertThat(scenario.post(message, DemoRequest.messageJson()).statusCode()).isEqualTo(202);

    try (DevToolsPage page = chromium.open(stack.inboxUrl())) {
      String chat = "[data-conversation-id=" + quote(conversation) + "]";
      page.await("document.querySelector(" + quote("#chats " + chat) + ")", "the chat listed");
      page.click("#chats " + chat);
      page.await(
          contextShows("sessionId", sessionId)
              + " && "
              + contextShows("customerPhone", DemoData.CUSTOMER_PHONE)
              + " && "
              + contextShows("channel", "whatsapp")
              + " && document.querySelector('#context dd[data-name=whatsappWindowClosesAt]')",
          "the chat's context variables");
      page.await(
          "[...document.querySelectorAll('.msg.customer a')]"
              + ".some(a => a.textContent.includes('statement.png'))",
          "the customer's photo as a link");

      String text = "Thanks, I can see both payments. Refunding the duplicate now.";
      page.type("#text", text);
      page.click("#send");
      awaitRepActivity(conversation, text);
      page.await(
          "[...document.querySelectorAll('.msg.rep')].some(m => m.textContent.includes("
              + quote(text)
              + ")) && document.querySelector('#text').value === ''",
          "the reply on the rep's side and the box emptied");
      if (Boolean.getBoolean("handoff.screenshots")) {
        Files.write(repositoryRoot().resolve("docs/agent-inbox.png"), page.screenshot());
      }
      return new RepReply(sessionId, conversation, text);
    }
  }

  @Test
  void theEndButtonEndsTheChatForTheRepAndTakesItOffTheList() throws Exception {
    String sessionId = scenario.newSession();
    String conversation = handOff(sessionId);

    try (DevToolsPage page = chromium.open(stack.inboxUrl())) {
      String chat = quote("#chats [data-conversation-id=" + quote(conversation) + "]");
      page.await("document.querySelector(" + chat + ")", "the chat listed");
      page.click("#chats [data-conversation-id=" + quote(conversation) + "]");
      page.await("!document.querySelector('#chat').hidden", "the chat opened");
      page.click("#end");
      page.await(
          "!document.querySelector("
              + chat
              + ") && !document.querySelector('#ended').hidden"
              + " && document.querySelector('#reply').hidden",
          "the chat off the list and closed for replies");
    }
    assertThat(stack.directLine.activities(conversation))
        .filteredOn(a -> "endOfConversation".equals(a.get("type")))
        .singleElement()
        .extracting(a -> a.get("from"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("id", DevStack.BOT_HANDLE);
    JsonNode closed =
        scenario.awaitStatus(sessionId, s -> "Closed".equals(s.path("phase").asText()));
    assertThat(closed.path("outcomeReason").asText()).isEqualTo("the rep ended the conversation");
    assertThat(stack.openCx.handoffEnded(sessionId)).isPresent();
  }

  /** Starts the demo handoff for {@code sessionId}; returns its Direct Line conversation. */
  private static String handOff(String sessionId) throws Exception {
    String start = DemoRequest.json().replace(DemoData.SESSION_ID, sessionId);
    assertThat(scenario.post("/v1/handoffs", start).statusCode()).isEqualTo(202);
    JsonNode status =
        scenario.awaitStatus(sessionId, s -> "HandedOff".equals(s.path("phase").asText()));
    return status.path("conversationId").asText();
  }

  private static String contextShows(String name, String value) throws Exception {
    return "document.querySelector('#context dd[data-name="
        + name
        + "]')?.textContent === "
        + quote(value);
  }

  private static void awaitRepActivity(String conversation, String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (stack.directLine.activities(conversation).stream()
        .noneMatch(a -> text.equals(a.get("text")))) {
      assertThat(System.nanoTime()).as("the reply within 10 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /** The checkout's root (surefire runs in the module's directory). */
  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null
        && !(Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs")))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no checkout root above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
