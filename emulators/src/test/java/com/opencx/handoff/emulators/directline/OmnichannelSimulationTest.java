package com.opencx.handoff.emulators.directline;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.emulators.TestHttp;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OmnichannelSimulationTest extends DirectLineTestSupport {

  private static Map<String, Object> firstMessage(String email, String phone) {
    Map<String, Object> activity = new LinkedHashMap<>(message("Summary: wants a refund"));
    activity.put(
        "channelData",
        Map.of(
            "channeltype", "whatsapp",
            "conversationcontext",
                Map.of(
                    "sessionId", "s-1",
                    "channel", "whatsapp",
                    "customerPhone", "+14155550100",
                    "whatsappWindowClosesAt", "2025-01-03T10:00:00Z"),
            "customercontext", Map.of("email", email, "phonenumber", phone)));
    return activity;
  }

  @Test
  void theFirstMessageCreatesTheWorkItemWithContextItemsAndContactAfterTheDelay() throws Exception {
    String contact =
        dataverse.addContact(Map.of("emailaddress1", "ann@example.com", "mobilephone", "+1999"));
    directLine.setRoutingDelay(Duration.ofMillis(200));
    String id = (String) startConversation().get("conversationId");

    post(id, firstMessage("Ann@Example.com", "+14155550100"));
    post(id, message("a later message"));
    await(() -> directLine.workItemId(id).isPresent());

    String workItemId = directLine.workItemId(id).orElseThrow();
    assertThat(dataverse.records(OmnichannelSimulation.WORK_ITEMS)).hasSize(1);
    assertThat(dataverse.record(OmnichannelSimulation.WORK_ITEMS, workItemId).orElseThrow())
        .containsEntry("_msdyn_liveworkstreamid_value", WORKSTREAM)
        .containsEntry("_msdyn_customer_value", contact)
        .containsEntry("statecode", 0);
    Map<Object, Object> context =
        dataverse.records(OmnichannelSimulation.CONTEXT_ITEMS).stream()
            .peek(row -> assertThat(row).containsEntry("_msdyn_ocliveworkitemid_value", workItemId))
            .collect(Collectors.toMap(row -> row.get("msdyn_name"), row -> row.get("msdyn_value")));
    assertThat(context)
        .containsOnly(
            Map.entry("sessionId", "s-1"),
            Map.entry("channel", "whatsapp"),
            Map.entry("customerPhone", "+14155550100"),
            Map.entry("whatsappWindowClosesAt", "2025-01-03T10:00:00Z"));
    assertThat(directLine.activities(id))
        .extracting(a -> a.get("text"))
        .containsExactly("Summary: wants a refund", "a later message");
  }

  @Test
  void theContactFallsBackToThePhoneAndIsNeverAGuess() throws Exception {
    dataverse.addContact(Map.of("emailaddress1", "twin@example.com"));
    dataverse.addContact(Map.of("emailaddress1", "twin@example.com"));
    String byPhone = dataverse.addContact(Map.of("mobilephone", "+14155550100"));
    directLine.setRoutingDelay(Duration.ZERO);
    String viaPhone = (String) startConversation().get("conversationId");
    String nobody = (String) startConversation().get("conversationId");

    post(viaPhone, firstMessage("twin@example.com", "+14155550100"));
    post(nobody, firstMessage("twin@example.com", "+10000000000"));
    await(() -> directLine.workItemId(viaPhone).isPresent());
    await(() -> directLine.workItemId(nobody).isPresent());

    assertThat(workItem(viaPhone)).containsEntry("_msdyn_customer_value", byPhone);
    assertThat(workItem(nobody)).doesNotContainKey("_msdyn_customer_value");
  }

  @Test
  void theWorkstreamIsTheOneOfTheChannelWhoseSecretWasUsed() throws Exception {
    directLine.setRoutingDelay(Duration.ZERO);
    TestHttp other = new TestHttp(directLine.baseUrl(), OTHER_SECRET);
    String id =
        (String)
            other.send("POST", "/v3/directline/conversations", null).json().get("conversationId");

    other.send(
        "POST",
        "/v3/directline/conversations/" + id + "/activities",
        TestHttp.json(firstMessage("x@example.com", "+1")));
    await(() -> directLine.workItemId(id).isPresent());

    assertThat(workItem(id)).containsEntry("_msdyn_liveworkstreamid_value", OTHER_WORKSTREAM);
  }

  @Test
  void withRoutingOffNoWorkItemAppears() throws Exception {
    directLine.setRouting(false);
    directLine.setRoutingDelay(Duration.ZERO);
    String id = (String) startConversation().get("conversationId");

    post(id, firstMessage("ann@example.com", "+14155550100"));
    Thread.sleep(300); // bounded: with a zero delay a work item would be there long before

    assertThat(directLine.workItemId(id)).isEmpty();
    assertThat(dataverse.records(OmnichannelSimulation.WORK_ITEMS)).isEmpty();
  }

  @Test
  void theRepRepliesSendsAFileAndEndsOverTheControlEndpoint() throws Exception {
    directLine.setRoutingDelay(Duration.ZERO);
    String id = (String) startConversation().get("conversationId");
    post(id, firstMessage("ann@example.com", "+14155550100"));
    await(() -> directLine.workItemId(id).isPresent());
    TestHttp control = new TestHttp(directLine.baseUrl(), CONTROL_KEY);
    String base = "/emulator/directline/conversations/" + id;

    assertThat(
            new TestHttp(directLine.baseUrl(), SECRET).send("POST", base + "/reply", "{}").status())
        .isEqualTo(401);
    assertThat(
            control.send("POST", base + "/reply", TestHttp.json(Map.of("text", "Hello"))).status())
        .isEqualTo(200);
    String png = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
    assertThat(
            control
                .send(
                    "POST",
                    base + "/attachment",
                    TestHttp.json(
                        Map.of("name", "a.png", "contentType", "image/png", "contentBase64", png)))
                .status())
        .isEqualTo(200);
    assertThat(control.send("POST", base + "/end", null).status()).isEqualTo(200);

    List<Map<String, Object>> seen =
        activities(http.get("/v3/directline/conversations/" + id + "/activities"));
    assertThat(seen)
        .extracting(a -> a.get("type"))
        .containsExactly("message", "message", "message", "endOfConversation");
    assertThat(seen.subList(1, 4))
        .allSatisfy(
            a ->
                assertThat(a.get("from"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("id", BOT));
    assertThat(seen.get(1)).containsEntry("text", "Hello");
    assertThat(workItem(id)).containsEntry("statecode", 1).containsEntry("statuscode", 4);
    assertThat(control.get(base).json())
        .containsEntry("workItemId", directLine.workItemId(id).orElseThrow());
  }

  private Map<String, Object> workItem(String conversationId) {
    return dataverse
        .record(
            OmnichannelSimulation.WORK_ITEMS, directLine.workItemId(conversationId).orElseThrow())
        .orElseThrow();
  }
}
