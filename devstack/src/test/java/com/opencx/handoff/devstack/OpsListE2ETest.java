package com.opencx.handoff.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.workflows.HandoffIds;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ops list ({@code GET /v1/ops/handoffs}) against a real Temporal server, since the Java test
 * server has no visibility list: parked handoffs are listed a page at a time, with their step and
 * failure type, from the search attributes alone. To show that no row needs a worker's query, the
 * pages are read with the worker stopped (the status call then says no worker answered). It has its
 * own dev stack because it stops that worker; its handoffs are terminated at the end so that they
 * do not outlive the stack (its payload key dies with it).
 */
@Tag("e2e")
class OpsListE2ETest {

  @TempDir static Path dataDir;
  static DevStack stack;
  static HandoffScenario scenario;
  static final List<String> started = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    String target = System.getenv().getOrDefault("TEMPORAL_ADDRESS", "127.0.0.1:7233");
    stack =
        DevStack.start(DevStackTest.freePorts(), TemporalService.Mode.EXTERNAL, target, dataDir);
    scenario = new HandoffScenario(stack);
  }

  @AfterAll
  static void stop() {
    if (stack == null) {
      return;
    }
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalTarget()).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(service);
      for (String sessionId : started) {
        client.newUntypedWorkflowStub(HandoffIds.workflowId(sessionId)).terminate("e2e done");
      }
    } finally {
      service.shutdownNow();
      stack.close();
    }
  }

  @Test
  void parkedHandoffsArePagedFromTheirSearchAttributesWithoutAWorker() throws Exception {
    for (int i = 0; i < 3; i++) {
      String sessionId = scenario.newSession();
      started.add(sessionId);
      scenario.park(sessionId);
    }
    awaitListed(Set.copyOf(started)); // visibility follows the upserts a moment later
    stack.stopWorker();
    JsonNode fromAttributes = json(scenario.get("/v1/handoffs/" + started.get(0), OPS));
    assertThat(fromAttributes.path("source").asText()).isEqualTo("search-attributes");
    assertThat(fromAttributes.path("lastErrorType").asText()).isEqualTo("DataverseNotFound");

    JsonNode first = page("?status=NeedsAttention&pageSize=2");
    assertThat(first.path("status").asText()).isEqualTo("NeedsAttention");
    assertThat(first.path("handoffs")).hasSize(2);
    assertThat(first.path("nextCursor").isTextual()).as("%s", first).isTrue();
    List<JsonNode> rows = new ArrayList<>();
    first.path("handoffs").forEach(rows::add);
    JsonNode second = page("?status=NeedsAttention&pageSize=2&cursor=" + cursor(first));
    second.path("handoffs").forEach(rows::add);
    // Newest first: this test's three are the newest parked handoffs, so two pages hold them.
    assertThat(rows).extracting(r -> r.path("sessionId").asText()).containsAll(started);
    JsonNode last = second;
    while (last.path("nextCursor").isTextual()) { // on a server kept from earlier runs
      assertThat(last.path("handoffs").size()).isEqualTo(2);
      last = page("?status=NeedsAttention&pageSize=2&cursor=" + cursor(last));
      last.path("handoffs").forEach(rows::add);
    }
    assertThat(last.path("nextCursor").isNull()).as("%s", last).isTrue();
    assertThat(last.path("handoffs").size()).isLessThanOrEqualTo(2);

    Set<String> seen = new HashSet<>();
    for (JsonNode row : rows) {
      assertThat(seen.add(row.path("workflowId").asText())).as("twice: %s", row).isTrue();
      assertThat(row.path("status").asText()).isEqualTo("NeedsAttention");
    }
    for (JsonNode row : rows) {
      if (started.contains(row.path("sessionId").asText())) {
        assertThat(row.path("workflowId").asText())
            .isEqualTo(HandoffIds.workflowId(row.path("sessionId").asText()));
        assertThat(row.path("step").asText()).isEqualTo("CreateWorkItem");
        assertThat(row.path("errorType").asText()).isEqualTo("DataverseNotFound");
        assertThat(row.path("workItemId").isNull()).isTrue();
        assertThat(row.path("workstreamId").asText()).isNotBlank();
        assertThat(row.path("startedAt").asText()).startsWith("20");
        assertThat(row.path("closedAt").isNull()).isTrue();
      }
    }
  }

  @Test
  void everyPhaseIsListedWithStatusAllAndACursorTheServerCannotReadIsABadRequest()
      throws Exception {
    JsonNode all = page("?status=all&pageSize=1");
    assertThat(all.path("status").asText()).isEqualTo("all");
    assertThat(all.path("handoffs").size()).isLessThanOrEqualTo(1);

    // Base64 of "garbage": well-formed for the API, unreadable for the server.
    HttpResponse<String> bad =
        scenario.get("/v1/ops/handoffs?status=all&pageSize=1&cursor=Z2FyYmFnZQ", OPS);
    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    JsonNode body = HandoffScenario.JSON.readTree(bad.body());
    assertThat(body.path("error").asText()).isEqualTo("invalid_request");
    assertThat(body.at("/violations/0/field").asText()).isEqualTo("cursor");
  }

  private static final String OPS = DevStack.OPS_TOKEN;

  private static JsonNode page(String query) throws Exception {
    HttpResponse<String> reply = scenario.get("/v1/ops/handoffs" + query, OPS);
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    return HandoffScenario.JSON.readTree(reply.body());
  }

  private static String cursor(JsonNode page) {
    return URLEncoder.encode(page.path("nextCursor").asText(), StandardCharsets.UTF_8);
  }

  private static JsonNode json(HttpResponse<String> reply) throws Exception {
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    return HandoffScenario.JSON.readTree(reply.body());
  }

  /** Polls the list until every one of {@code sessionIds} is on it. */
  private static void awaitListed(Set<String> sessionIds) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    Set<String> listed = Set.of();
    while (System.nanoTime() < deadline) {
      JsonNode rows = page("?status=NeedsAttention&pageSize=1000").path("handoffs");
      listed = new HashSet<>(rows.findValuesAsText("sessionId"));
      if (listed.containsAll(sessionIds)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("never listed all of " + sessionIds + "; last " + listed);
  }
}
