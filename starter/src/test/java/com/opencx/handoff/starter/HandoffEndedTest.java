package com.opencx.handoff.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every action on a handoff that already ended answers 409 with its final phase, so a caller can
 * tell "too late" from "never heard of it" (404, kept for a session never seen).
 */
class HandoffEndedTest extends ApiTestSupport {

  @Test
  void actionsOnARejectedHandoffConflictNamingThePhase() {
    String sessionId = newSessionId(UNKNOWN_SESSION + "ended");
    start(sessionId);
    awaitPhase(sessionId, "Rejected");
    Map<String, Object> message =
        Map.of("messageId", "wamid.9", "receivedAt", Instant.now().toString(), "media", List.of());

    List<Reply> replies =
        List.of(
            post("/v1/handoffs/" + sessionId + "/messages", OPENCX_TOKEN, message),
            post("/v1/handoffs/" + sessionId + "/close", OPENCX_TOKEN, Map.of()),
            post("/v1/ops/handoffs/" + sessionId + "/cancel", OPS_TOKEN, Map.of()),
            post("/v1/ops/handoffs/" + sessionId + "/retry", OPS_TOKEN, Map.of()),
            post("/v1/ops/handoffs/" + sessionId + "/skip", OPS_TOKEN, Map.of()));

    assertThat(replies)
        .allSatisfy(
            reply -> {
              assertProblem(reply, 409, "handoff_ended");
              assertThat(reply.body().path("phase").asText()).isEqualTo("Rejected");
              assertThat(reply.body().path("message").asText())
                  .contains(sessionId, "already ended", "Rejected");
            });
    assertThat(get("/v1/handoffs/" + sessionId, OPENCX_TOKEN).body().path("phase").asText())
        .isEqualTo("Rejected");
  }
}
