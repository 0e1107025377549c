package com.opencx.handoff.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code list} against a real Temporal server, since the Java test server has no visibility list:
 * the dev server {@code .ci/run} starts, at {@code TEMPORAL_ADDRESS} (default 127.0.0.1:7233), with
 * the handoff search attributes registered. Parked handoffs are listed with their step and failure
 * type from the search attributes alone, pages follow their cursor, a retried handoff leaves the
 * NeedsAttention list, and the server's own answers (unknown namespace, foreign cursor) come back
 * as usage errors.
 */
@Tag("e2e")
class OpsCommandE2ETest {

  static OpsHarness ops;
  static final List<String> started = new ArrayList<>();

  @BeforeAll
  static void start() {
    ops = OpsHarness.on(System.getenv().getOrDefault("TEMPORAL_ADDRESS", "127.0.0.1:7233"));
  }

  @AfterAll
  static void stop() {
    if (ops != null) {
      started.forEach(ops::terminate);
      ops.close();
    }
  }

  static String handoff(String label, String workstreamId, String phase) {
    String sessionId = OpsHarness.newSession(label);
    started.add(sessionId);
    ops.start(sessionId, workstreamId);
    ops.awaitShown(sessionId, phase, null);
    return sessionId;
  }

  /** The NeedsAttention list once visibility has caught up with every one of {@code sessions}. */
  static JsonNode listedWith(String status, Set<String> sessions) {
    return ops.await(
            r -> r.exit() == 0 && sessionIds(r.json()).containsAll(sessions),
            "list",
            "--status",
            status,
            "--page-size",
            "1000",
            "--json")
        .json();
  }

  static Set<String> sessionIds(JsonNode page) {
    Set<String> ids = new HashSet<>();
    page.path("handoffs").forEach(row -> ids.add(row.path("sessionId").asText()));
    return ids;
  }

  static JsonNode row(JsonNode page, String sessionId) {
    for (JsonNode row : page.path("handoffs")) {
      if (sessionId.equals(row.path("sessionId").asText())) {
        return row;
      }
    }
    throw new AssertionError(sessionId + " not in " + page);
  }

  @Test
  void parkedHandoffsAreListedWithTheirStepAndFailureUntilRetried() {
    String first = handoff("list-a", OpsHarness.MISSING_WORKSTREAM, "NeedsAttention");
    String second = handoff("list-b", OpsHarness.MISSING_WORKSTREAM, "NeedsAttention");
    String healthy = handoff("list-ok", OpsHarness.WORKSTREAM, "HandedOff");

    JsonNode stuck = listedWith("NeedsAttention", Set.of(first, second));
    assertThat(sessionIds(stuck)).doesNotContain(healthy);
    JsonNode row = row(stuck, first);
    assertThat(row.path("status").asText()).isEqualTo("NeedsAttention");
    assertThat(row.path("step").asText()).isEqualTo("CreateWorkItem");
    assertThat(row.path("errorType").asText()).isEqualTo("DataverseNotFound");
    assertThat(row.path("workflowId").asText()).isEqualTo("whatsapp-handoff-" + first);
    assertThat(row.path("startedAt").asText()).endsWith("Z");

    OpsHarness.Result table = ops.run("list", "--page-size", "1000");
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out().lines().findFirst().orElse(""))
        .contains("SESSION", "PHASE", "STEP", "SINCE (UTC)", "ERROR");
    assertThat(table.out().lines().filter(l -> l.startsWith(first + " ")).findFirst().orElse(""))
        .contains("NeedsAttention", "CreateWorkItem", "DataverseNotFound");

    assertThat(sessionIds(listedWith("HandedOff", Set.of(healthy)))).doesNotContain(first);
    assertThat(sessionIds(listedWith("all", Set.of(first, second, healthy)))).isNotEmpty();

    OpsHarness.Result retarget = ops.run("retarget", first, OpsHarness.WORKSTREAM);
    assertThat(retarget.exit()).as(retarget.err()).isZero();
    ops.await(
        r -> r.exit() == 0 && !sessionIds(r.json()).contains(first),
        "list",
        "--page-size",
        "1000",
        "--json");
    assertThat(sessionIds(listedWith("HandedOff", Set.of(first, healthy)))).contains(first);

    // Terminated while parked: it is no longer stuck, though its search attributes still say so.
    ops.terminate(second);
    ops.await(
        r -> r.exit() == 0 && !sessionIds(r.json()).contains(second),
        "list",
        "--page-size",
        "1000",
        "--json");
    OpsHarness.Result all = ops.run("list", "--status", "all", "--page-size", "1000");
    assertThat(all.out().lines().filter(l -> l.startsWith(second + " ")).findFirst().orElse(""))
        .contains("NeedsAttention (run closed)");
  }

  @Test
  void aRequiredStepIsNotSkippedOnARealServer() {
    String sessionId = handoff("skip-refused", OpsHarness.MISSING_WORKSTREAM, "NeedsAttention");

    OpsHarness.Result skip = ops.run("skip", sessionId);
    assertThat(skip.exit()).as(skip.out() + skip.err()).isEqualTo(ExitCodes.REFUSED);
    assertThat(skip.err()).contains("refused (NotSkippable)");
    assertThat(ops.run("show", sessionId, "--json").json().path("phase").asText())
        .isEqualTo("NeedsAttention");
  }

  @Test
  void pagesFollowTheirCursor() {
    String older = handoff("page-a", OpsHarness.MISSING_WORKSTREAM, "NeedsAttention");
    String newer = handoff("page-b", OpsHarness.MISSING_WORKSTREAM, "NeedsAttention");
    listedWith("NeedsAttention", Set.of(older, newer));

    JsonNode first = ops.run("list", "--page-size", "1", "--json").json();
    assertThat(first.path("handoffs")).hasSize(1);
    String cursor = first.path("nextCursor").asText();
    assertThat(cursor).isNotBlank();
    JsonNode second = ops.run("list", "--page-size", "1", "--cursor", cursor, "--json").json();
    assertThat(second.path("handoffs")).hasSize(1);
    assertThat(sessionIds(second)).doesNotContainAnyElementsOf(sessionIds(first));

    OpsHarness.Result text = ops.run("list", "--page-size", "1");
    assertThat(text.out())
        .contains("more: handoff-ops list --status NeedsAttention --page-size 1 --cursor ");
  }

  @Test
  void theServersRefusalsAreUsageErrors() {
    OpsHarness.Result namespace = ops.run("list", "--namespace", "no-such-namespace");
    assertThat(namespace.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(namespace.err()).contains("namespace 'no-such-namespace' does not exist");

    OpsHarness.Result cursor = ops.run("list", "--cursor", "bm90LWEtY3Vyc29y");
    assertThat(cursor.exit()).as(cursor.out() + cursor.err()).isEqualTo(ExitCodes.USAGE);
  }
}
