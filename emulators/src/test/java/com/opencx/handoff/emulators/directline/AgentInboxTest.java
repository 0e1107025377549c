package com.opencx.handoff.emulators.directline;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.emulators.TestHttp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rep's inbox: the control API's conversation list, its file route and the page itself. */
class AgentInboxTest extends DirectLineTestSupport {

  private TestHttp control() {
    return new TestHttp(directLine.baseUrl(), CONTROL_KEY);
  }

  private static Map<String, Object> firstMessage(String sessionId, String phone) {
    Map<String, Object> activity = new LinkedHashMap<>(message("Summary from the AI: refund"));
    activity.put(
        "channelData",
        Map.of(
            "conversationcontext",
            Map.of("sessionId", sessionId, "channel", "whatsapp", "customerPhone", phone),
            "customercontext",
            Map.of("phonenumber", phone)));
    return activity;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> inbox() throws Exception {
    TestHttp.Result result = control().get("/emulator/directline/conversations");
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    return (List<Map<String, Object>>) result.json().get("conversations");
  }

  @Test
  void listsEachChatWithRoutingsContextAndContactNewestActivityFirst() throws Exception {
    String contact =
        dataverse.addContact(
            Map.of("firstname", "Ann", "lastname", "Lee", "mobilephone", "+14155550100"));
    directLine.setRoutingDelay(Duration.ZERO);
    String routed = (String) startConversation().get("conversationId");
    post(routed, firstMessage("s-1", "+14155550100"));
    await(() -> directLine.workItemId(routed).isPresent());
    directLine.setRouting(false);
    String unrouted = (String) startConversation().get("conversationId");
    Thread.sleep(5); // timestamps have sub-millisecond digits; keep the order unambiguous
    post(unrouted, firstMessage("s-2", "+14155550199"));

    List<Map<String, Object>> lines = inbox();
    assertThat(lines).extracting(l -> l.get("conversationId")).containsExactly(unrouted, routed);
    Map<String, Object> routedLine = lines.get(1);
    assertThat(routedLine)
        .containsEntry("workItemId", directLine.workItemId(routed).orElseThrow())
        .containsEntry("open", true)
        .containsEntry("activityCount", 1)
        .containsEntry("lastActivityAt", directLine.activities(routed).get(0).get("timestamp"))
        .containsEntry("contact", Map.of("contactId", contact, "name", "Ann Lee"))
        .containsEntry(
            "contextVariables",
            Map.of("sessionId", "s-1", "channel", "whatsapp", "customerPhone", "+14155550100"));
    assertThat(lines.get(0))
        .containsEntry("workItemId", null)
        .containsEntry("contact", null)
        .containsEntry("contextVariables", Map.of());

    Thread.sleep(5);
    directLine.repReply(routed, "Hello Ann");
    assertThat(inbox())
        .extracting(l -> l.get("conversationId") + " " + l.get("activityCount"))
        .containsExactly(routed + " 2", unrouted + " 1");
  }

  @Test
  void aChatTheRepEndedIsNoLongerOpenAndAnUnlinkedCustomerHasNoContact() throws Exception {
    directLine.setRoutingDelay(Duration.ZERO);
    String id = (String) startConversation().get("conversationId");
    post(id, firstMessage("s-3", "+10000000000")); // no contact has this phone
    await(() -> directLine.workItemId(id).isPresent());

    assertThat(
            control()
                .send("POST", "/emulator/directline/conversations/" + id + "/end", null)
                .status())
        .isEqualTo(200);

    assertThat(inbox().get(0))
        .containsEntry("open", false)
        .containsEntry("contact", null)
        .containsEntry("activityCount", 2);
  }

  @Test
  void theListAndTheFilesNeedTheControlKey() throws Exception {
    String id = (String) startConversation().get("conversationId");
    String activityId =
        directLine.repSendAttachment(id, "a.pdf", "application/pdf", new byte[3], null);
    @SuppressWarnings("unchecked")
    Map<String, Object> file =
        ((List<Map<String, Object>>)
                directLine.activities(id).stream()
                    .filter(a -> activityId.equals(a.get("id")))
                    .findFirst()
                    .orElseThrow()
                    .get("attachments"))
            .get(0);
    String attachment = ((String) file.get("contentUrl")).replaceAll(".*/", "");
    String path = "/emulator/directline/conversations/" + id + "/attachments/" + attachment;

    assertThat(http.get("/emulator/directline/conversations").status()).isEqualTo(401);
    assertThat(http.get(path).status()).isEqualTo(401);
    TestHttp.Result bytes = control().get(path);
    assertThat(bytes.status()).isEqualTo(200);
    assertThat(bytes.header("Content-Type")).isEqualTo("application/pdf");
    assertThat(bytes.bytes()).hasSize(3);
    assertThat(control().get(path + "x").status()).isEqualTo(404);
  }

  @Test
  void thePageIsServedWithoutACredentialAndHoldsNone() throws Exception {
    TestHttp anonymous = new TestHttp(directLine.baseUrl(), null);

    TestHttp.Result page = anonymous.get("/inbox");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body())
        .contains("/emulator/directline/conversations", "End conversation", "/templates lists them")
        .doesNotContain(CONTROL_KEY)
        .doesNotContain("http://", "https://"); // nothing loaded from elsewhere
    assertThat(page.header("Content-Security-Policy"))
        .contains("default-src 'none'", "connect-src 'self'")
        .contains("'sha256-" + InboxPage.scriptHash(page.body()) + "'");
    assertThat(directLine.inboxUrl()).isEqualTo(directLine.baseUrl() + "/inbox");
    assertThat(anonymous.send("POST", "/inbox", "{}").status()).isEqualTo(405);
    assertThat(anonymous.get("/inbox/other").status()).isEqualTo(401);
  }
}
