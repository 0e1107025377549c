package com.opencx.handoff.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.workflows.HandoffIds;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API of SPEC §3.1 and §6 over real HTTP against the real workflow (see {@link
 * ApiTestSupport}): the start call's idempotency, the status document, inbound messages moving the
 * template window, close, and the 400/401/403/404/409/413 refusals with their field-and-rule
 * bodies, including which tokens may call ops. The ops actions themselves are {@link OpsApiTest}'s.
 */
class HandoffApiTest extends ApiTestSupport {
  // ---------------------------------------------------------------------------------------------
  // Starting and reading a handoff

  @Test
  void startIsIdempotentPerSession() {
    String sessionId = newSessionId("idem");

    Reply first = start(sessionId);
    assertThat(first.body().path("workflowId").asText()).isEqualTo("whatsapp-handoff-" + sessionId);
    assertThat(first.body().path("runId").asText()).isNotBlank();
    assertThat(first.body().path("status").asText()).isEqualTo("started");

    Reply again = post("/v1/handoffs", OPENCX_TOKEN, startBody(sessionId));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("workflowId").asText()).isEqualTo("whatsapp-handoff-" + sessionId);
    assertThat(again.body().path("runId").asText()).isEqualTo(first.body().path("runId").asText());
    assertThat(again.body().path("status").asText()).isEqualTo("existing");

    String runningRunId =
        temporal
            .newUntypedWorkflowStub(HandoffIds.workflowId(sessionId))
            .describe()
            .getExecution()
            .getRunId();
    assertThat(runningRunId).isEqualTo(first.body().path("runId").asText());
  }

  @Test
  void statusShowsTheHandedOffConversation() {
    String sessionId = newSessionId("status");
    Instant lastInboundAt =
        Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    assertThat(post("/v1/handoffs", OPENCX_TOKEN, startBody(sessionId, lastInboundAt)).status())
        .isEqualTo(202);

    JsonNode status = awaitPhase(sessionId, "HandedOff");

    assertThat(status.path("sessionId").asText()).isEqualTo(sessionId);
    assertThat(status.path("workflowId").asText()).isEqualTo("whatsapp-handoff-" + sessionId);
    assertThat(status.path("step").asText()).isEqualTo("TemplateWindow");
    assertThat(status.path("workItemId").asText()).isEqualTo(HandoffIds.workItemId(sessionId));
    assertThat(status.path("workstreamId").asText()).isEqualTo(WORKSTREAM);
    assertThat(status.path("contactLinked").asBoolean()).isTrue();
    assertThat(status.path("contactRule").asText()).isEqualTo("Email");
    assertThat(status.path("contactLinkedBy").asText()).isEqualTo("handoff");
    assertThat(status.path("window").path("open").asBoolean()).isTrue();
    assertThat(Instant.parse(status.path("window").path("closesAt").asText()))
        .isEqualTo(lastInboundAt.plus(Duration.ofHours(24)));
    assertThat(status.path("media"))
        .singleElement()
        .satisfies(m -> assertThat(m.path("status").asText()).isEqualTo("Attached"));
    assertThat(status.toString())
        .as("the status document carries no PII")
        .doesNotContain("+14155550100", "ana@example.com", "Ana", "refund");
  }

  @Test
  void aSessionOpenCxDoesNotKnowEndsRejectedWithTheReason() {
    String sessionId = newSessionId(UNKNOWN_SESSION + "x");
    start(sessionId);

    JsonNode status = awaitPhase(sessionId, "Rejected");
    assertThat(status.path("outcomeReason").asText()).contains("OpenCX has no session");
    assertThat(status.path("workItemId").isNull()).isTrue();
  }

  @Test
  void unknownFieldsInTheBodyAreIgnored() {
    String sessionId = newSessionId("extra");
    Map<String, Object> body = startBody(sessionId);
    body.put("priority", "high");
    body.put("customer", Map.of("phone", "+447911123456", "loyaltyTier", "gold"));
    body.put("meta", Map.of("source", "bot", "nested", List.of(1, 2, 3)));

    Reply reply = post("/v1/handoffs", OPENCX_TOKEN, body);

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(202);
  }

  @Test
  void aBadPhoneIsRefusedNamingFieldAndRule() {
    Map<String, Object> body = startBody(newSessionId("phone"));
    body.put("customer", Map.of("phone", "4155550100"));

    assertViolation(
        post("/v1/handoffs", OPENCX_TOKEN, body),
        "customer.phone",
        "must start with + and the country code");
  }

  @Test
  void severalBadFieldsAreReportedTogether() {
    Map<String, Object> body = startBody("a/b");
    body.put("customer", Map.of("phone", "+999123456789", "email", "ana@"));
    body.put("summary", "");
    body.put("workstreamId", "default");

    Reply reply = post("/v1/handoffs", OPENCX_TOKEN, body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().path("violations"))
        .extracting(v -> v.path("field").asText())
        .containsExactly(
            "sessionId", "customer.phone", "customer.email", "summary", "workstreamId");
  }

  @Test
  void anUnparseableTimestampIsRefusedNamingTheField() {
    Map<String, Object> body = startBody(newSessionId("ts"));
    body.put("lastInboundAt", "yesterday");

    assertViolation(post("/v1/handoffs", OPENCX_TOKEN, body), "lastInboundAt", "ISO-8601");
  }

  @Test
  void aTimestampInTheFutureIsRefused() {
    Map<String, Object> body = startBody(newSessionId("future"));
    body.put("lastInboundAt", Instant.now().plus(Duration.ofHours(1)).toString());

    assertViolation(post("/v1/handoffs", OPENCX_TOKEN, body), "lastInboundAt", "future");
  }

  @Test
  void aBadMediaItemIsRefusedNamingItsIndex() {
    Map<String, Object> body = startBody(newSessionId("gif"));
    body.put(
        "media",
        List.of(
            Map.of("mediaId", "m-1", "mimeType", "image/jpeg"),
            Map.of("mediaId", "m-2", "mimeType", "image/gif")));

    assertViolation(post("/v1/handoffs", OPENCX_TOKEN, body), "media[1].mimeType", "WhatsApp");
  }

  @Test
  void aWrongTypeIsRefusedNamingTheNestedField() {
    Map<String, Object> body = startBody(newSessionId("type"));
    body.put("media", List.of(Map.of("mediaId", "m-1", "mimeType", "image/png", "sizeBytes", "x")));

    assertViolation(post("/v1/handoffs", OPENCX_TOKEN, body), "media[0].sizeBytes", "wrong type");
  }

  @Test
  void aNullMediaItemIsABadRequest() {
    String body =
        json(startBody(newSessionId("nullmedia"))).replace("\"media\":[", "\"media\":[null,");

    Reply reply = postRaw("/v1/handoffs", OPENCX_TOKEN, body);

    assertProblem(reply, 400, "invalid_request");
  }

  @Test
  void malformedJsonIsRefused() {
    Reply reply = postRaw("/v1/handoffs", OPENCX_TOKEN, "{\"sessionId\": \"s1\", ");

    assertViolation(reply, "body", "JSON");
  }

  @Test
  void aMissingBodyIsRefused() {
    Reply reply = postRaw("/v1/handoffs", OPENCX_TOKEN, "");

    assertViolation(reply, "body", "JSON");
  }

  @Test
  void aBodyOverOneMebibyteIsRefusedWith413() {
    Map<String, Object> body = startBody(newSessionId("big"));
    body.put("summary", "x".repeat(1024 * 1024));

    Reply reply = post("/v1/handoffs", OPENCX_TOKEN, body);

    assertProblem(reply, 413, "body_too_large");
  }

  @Test
  void aChunkedBodyOverOneMebibyteIsRefusedWith413Too() {
    Map<String, Object> body = startBody(newSessionId("bigchunked"));
    body.put("summary", "x".repeat(1024 * 1024));
    byte[] bytes = json(body).getBytes(StandardCharsets.UTF_8);

    Reply reply =
        send(
            "POST",
            "/v1/handoffs",
            OPENCX_TOKEN,
            BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));

    assertThat(reply.status()).isEqualTo(413);
  }

  @Test
  void anUnknownSessionIsNotFound() {
    String sessionId = newSessionId("nobody");
    Reply status = get("/v1/handoffs/" + sessionId, OPENCX_TOKEN);
    assertProblem(status, 404, "not_found");

    Map<String, Object> message =
        Map.of("messageId", "wamid.1", "receivedAt", Instant.now().toString(), "media", List.of());
    assertThat(post("/v1/handoffs/" + sessionId + "/messages", OPENCX_TOKEN, message).status())
        .isEqualTo(404);
    assertThat(post("/v1/handoffs/" + sessionId + "/close", OPENCX_TOKEN, Map.of()).status())
        .isEqualTo(404);
  }

  @Test
  void aMalformedSessionIdInThePathIsABadRequest() {
    assertViolation(get("/v1/handoffs/a.b", OPENCX_TOKEN), "sessionId", "letters, digits");
  }

  // ---------------------------------------------------------------------------------------------
  // Inbound messages and close

  @Test
  void anInboundMessageMovesTheWindowAndAttachesItsMedia() {
    String sessionId = newSessionId("msg");
    Instant lastInboundAt =
        Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    post("/v1/handoffs", OPENCX_TOKEN, startBody(sessionId, lastInboundAt));
    awaitPhase(sessionId, "HandedOff");

    Instant receivedAt = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> message =
        Map.of(
            "messageId",
            "wamid.2",
            "receivedAt",
            receivedAt.toString(),
            "media",
            List.of(Map.of("mediaId", "m-2", "mimeType", "audio/ogg")));
    Reply accepted = post("/v1/handoffs/" + sessionId + "/messages", OPENCX_TOKEN, message);
    assertThat(accepted.status()).isEqualTo(202);

    JsonNode status =
        awaitStatus(
            sessionId,
            s ->
                receivedAt
                        .plus(Duration.ofHours(24))
                        .toString()
                        .equals(s.path("window").path("closesAt").asText())
                    && s.path("media").size() == 2);
    assertThat(status.path("window").path("open").asBoolean()).isTrue();
    assertThat(status.path("media"))
        .extracting(m -> m.path("mediaId").asText())
        .containsExactlyInAnyOrder("m-1", "m-2");
  }

  @Test
  void aBadInboundMessageIsRefused() {
    String sessionId = newSessionId("badmsg");
    start(sessionId);
    Map<String, Object> message =
        Map.of("receivedAt", Instant.now().plus(Duration.ofHours(2)).toString());

    Reply reply = post("/v1/handoffs/" + sessionId + "/messages", OPENCX_TOKEN, message);

    assertViolation(reply, "messageId", "required");
    assertViolation(reply, "receivedAt", "future");
  }

  @Test
  void closeEndsTheWorkflow() {
    String sessionId = newSessionId("close");
    start(sessionId);
    awaitPhase(sessionId, "HandedOff");

    Reply closed =
        post(
            "/v1/handoffs/" + sessionId + "/close",
            OPENCX_TOKEN,
            Map.of("reason", "customer said thanks"));
    assertThat(closed.status()).isEqualTo(202);

    JsonNode status = awaitPhase(sessionId, "Closed");
    assertThat(status.path("outcomeReason").asText()).contains("customer said thanks");
    assertThat(
            temporal
                .newUntypedWorkflowStub(HandoffIds.workflowId(sessionId))
                .describe()
                .getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  @Test
  void closeWithoutABodyIsAccepted() {
    String sessionId = newSessionId("closenobody");
    start(sessionId);
    awaitPhase(sessionId, "HandedOff");

    Reply closed =
        send("POST", "/v1/handoffs/" + sessionId + "/close", OPENCX_TOKEN, BodyPublishers.noBody());

    assertThat(closed.status()).isEqualTo(202);
    assertThat(awaitPhase(sessionId, "Closed").path("outcomeReason").asText())
        .isEqualTo("closed by OpenCX");
  }

  // ---------------------------------------------------------------------------------------------
  // Authentication and the body limit

  @Test
  void aMissingOrWrongTokenIsUnauthorized() {
    String path = "/v1/handoffs/" + newSessionId("auth");
    assertThat(get(path, null).status()).isEqualTo(401);
    assertThat(get(path, "not-a-known-token-at-all").status()).isEqualTo(401);
    assertThat(get(path, OPENCX_TOKEN + "x").status()).isEqualTo(401);
    assertThat(get(path, "").status()).isEqualTo(401);

    Reply unauthorized = post("/v1/handoffs", null, startBody(newSessionId("auth")));
    assertProblem(unauthorized, 401, "unauthorized");
  }

  @Test
  void aBasicAuthorizationHeaderIsUnauthorized() {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/v1/handoffs/" + newSessionId("basic")))
            .header("Authorization", "Basic " + OPENCX_TOKEN)
            .GET()
            .build();
    try {
      assertThat(http.send(request, BodyHandlers.discarding()).statusCode()).isEqualTo(401);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anOpenCxTokenMayNotCallOps() {
    String sessionId = newSessionId("forbidden");
    Reply skip = post("/v1/ops/handoffs/" + sessionId + "/skip", OPENCX_TOKEN, Map.of());
    assertProblem(skip, 403, "forbidden");
    assertThat(get("/v1/ops/handoffs?status=NeedsAttention", OPENCX_TOKEN).status()).isEqualTo(403);
    assertThat(post("/v1/ops/handoffs/" + sessionId + "/cancel", OPENCX_TOKEN, Map.of()).status())
        .isEqualTo(403);
  }

  @Test
  void anOpenCxTokenMayNotReachOpsThroughAnEncodedOrParameterisedPath() {
    String sessionId = newSessionId("sneaky");
    start(sessionId);
    for (String ops :
        List.of(
            "/v1/%6Fps/handoffs/",
            "/v1/ops;x=1/handoffs/", "/v1/%6fps;x=1/handoffs/", "/v1//ops/handoffs/")) {
      Reply reply = post(ops + sessionId + "/cancel", OPENCX_TOKEN, Map.of("reason", "sneaky"));
      assertThat(reply.status()).as("%s -> %s", ops, reply.body()).isEqualTo(403);
    }
    assertThat(get("/v1/handoffs/" + sessionId, OPENCX_TOKEN).body().path("phase").asText())
        .isNotEqualTo("Cancelled");
  }

  @Test
  void anEncodedPathNeedsATokenToo() {
    String sessionId = newSessionId("encoded");
    start(sessionId);

    Reply reply = get("/%761/handoffs/" + sessionId, null);

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(401);
    assertThat(get("/v1/handoffs;x=1/" + sessionId, null).status()).isEqualTo(401);
  }

  @Test
  void anOpsTokenMayCallTheHandoffApiToo() {
    String sessionId = newSessionId("opsstart");

    Reply reply = post("/v1/handoffs", OPS_TOKEN, startBody(sessionId));

    assertThat(reply.status()).isEqualTo(202);
    assertThat(get("/v1/handoffs/" + sessionId, OPS_TOKEN).status()).isEqualTo(200);
  }

  @Test
  void healthNeedsNoToken() {
    assertThat(get("/actuator/health", null).status()).isEqualTo(200);
  }
}
