package com.opencx.handoff.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencx.handoff.emulators.DemoData;
import com.opencx.handoff.emulators.opencx.Session;
import com.opencx.handoff.workflows.HandoffIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * One handoff driven through the public HTTP API of a running dev stack, asserting what the rep and
 * OpenCX end up with in the emulators. Shared by the in-process run (Java test server) and the
 * end-to-end run against a real Temporal server, so both check the same contract.
 */
final class HandoffScenario {

  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final DevStack stack;

  HandoffScenario(DevStack stack) {
    this.stack = stack;
  }

  /** A fresh WhatsApp session at OpenCX (unique per run, so a persistent server is no problem). */
  String newSession() {
    return newSession("whatsapp");
  }

  String newSession(String channel) {
    String sessionId = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    stack.openCx.addSession(
        new Session(
            sessionId,
            channel,
            "ai",
            DemoData.CUSTOMER_NAME,
            DemoData.CUSTOMER_EMAIL,
            DemoData.CUSTOMER_PHONE,
            DemoData.SUMMARY,
            Instant.now().minus(Duration.ofMinutes(5)),
            null));
    return sessionId;
  }

  static String startBody(String sessionId) {
    return """
        {"sessionId":"%s","channel":"whatsapp",
         "customer":{"phone":"%s","name":"%s","email":"%s"},
         "summary":"%s","lastInboundAt":"%s","media":[],"someFutureField":true}
        """
        .formatted(
            sessionId,
            DemoData.CUSTOMER_PHONE,
            DemoData.CUSTOMER_NAME,
            DemoData.CUSTOMER_EMAIL,
            DemoData.SUMMARY,
            Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS));
  }

  /** A start request routed to {@code workstreamId}: one the emulator does not know parks it. */
  static String startBody(String sessionId, String workstreamId) throws Exception {
    ObjectNode body = (ObjectNode) JSON.readTree(startBody(sessionId));
    return JSON.writeValueAsString(body.put("workstreamId", workstreamId));
  }

  /**
   * Starts a handoff on a workstream Dataverse does not know and returns its status once it is
   * parked at CreateWorkItem (Dataverse's 404 is not retried: the step parks at once).
   */
  JsonNode park(String sessionId) throws Exception {
    HttpResponse<String> started =
        post("/v1/handoffs", startBody(sessionId, UUID.randomUUID().toString()));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    JsonNode parked =
        awaitStatus(sessionId, s -> "NeedsAttention".equals(s.path("phase").asText()));
    assertThat(parked.path("step").asText()).isEqualTo("CreateWorkItem");
    assertThat(parked.path("lastErrorType").asText()).isEqualTo("DataverseNotFound");
    return parked;
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, body, DevStack.API_TOKEN);
  }

  HttpResponse<String> post(String path, String body, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonNode awaitStatus(String sessionId, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = get("/v1/handoffs/" + sessionId, DevStack.API_TOKEN);
      if (response.statusCode() == 200) {
        last = JSON.readTree(response.body());
        if (condition.test(last)) {
          return last;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("status never matched; last: " + last);
  }

  /** The happy path: returns the status document once the handoff is HandedOff. */
  JsonNode handOff(String sessionId) throws Exception {
    stack.dataverse.resetCounters();
    HttpResponse<String> started = post("/v1/handoffs", startBody(sessionId));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    JsonNode startedBody = JSON.readTree(started.body());
    assertThat(startedBody.get("workflowId").asText()).isEqualTo("whatsapp-handoff-" + sessionId);

    HttpResponse<String> again = post("/v1/handoffs", startBody(sessionId));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).get("runId")).isEqualTo(startedBody.get("runId"));

    JsonNode status = awaitStatus(sessionId, s -> "HandedOff".equals(s.path("phase").asText()));
    String workItemId = HandoffIds.workItemId(sessionId);
    assertThat(status.get("workItemId").asText()).isEqualTo(workItemId);
    assertThat(status.get("contactLinked").asBoolean()).isTrue();
    assertThat(status.get("workstreamId").asText()).isEqualTo(DemoData.WORKSTREAM_ID);
    assertThat(status.at("/window/open").asBoolean()).isTrue();

    Map<String, Object> workItem =
        stack.dataverse.record("msdyn_ocliveworkitems", workItemId).orElseThrow();
    assertThat(workItem.get("subject").toString()).hasSizeLessThanOrEqualTo(200).isNotBlank();
    assertThat(workItem.get("description")).isEqualTo(DemoData.SUMMARY);
    assertThat(workItem.get("_msdyn_liveworkstreamid_value")).isEqualTo(DemoData.WORKSTREAM_ID);
    assertThat(workItem.get("_msdyn_customer_value")).isEqualTo(DemoData.CONTACT_ID);
    var contextItems =
        stack.dataverse.records("msdyn_ocliveworkitemcontextitems").stream()
            .filter(item -> workItemId.equals(item.get("_msdyn_ocliveworkitemid_value")))
            .toList();
    assertThat(contextItems)
        .extracting(item -> item.get("msdyn_name") + "=" + item.get("msdyn_value"))
        .contains(
            "sessionId=" + sessionId,
            "channel=whatsapp",
            "customerPhone=" + DemoData.CUSTOMER_PHONE)
        .anyMatch(s -> s.startsWith("whatsappWindowClosesAt=20"))
        .hasSize(4);

    Session session = stack.openCx.session(sessionId).orElseThrow();
    assertThat(session.status()).isEqualTo("handed_off");
    assertThat(session.dynamicsChatId()).isEqualTo(workItemId);
    awaitAudit(sessionId, "handoff.created");
    assertThat(stack.dataverse.requestCount())
        .as("Dataverse requests for one handoff without media: %s", stack.dataverse.requestLog())
        .isLessThanOrEqualTo(3);
    return status;
  }

  void awaitAudit(String sessionId, String type) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (stack.openCx.auditEvents().stream()
          .anyMatch(e -> sessionId.equals(e.get("sessionId")) && type.equals(e.get("type")))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no audit event " + type + " for " + sessionId);
  }
}
