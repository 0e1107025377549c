package com.opencx.handoff.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.emulators.DemoData;
import com.opencx.handoff.emulators.http.Fault;
import com.opencx.handoff.workflows.HandoffIds;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end against a real Temporal server (the {@code temporal} CLI dev server that {@code
 * .ci/run} starts, at {@code TEMPORAL_ADDRESS}, default 127.0.0.1:7233): the same handoff as {@link
 * DevStackTest}, plus what only a real server and the real CLI can show: finding the handoff by its
 * {@code OpenCxSessionId} search attribute through a visibility query and the ops listing built on
 * it; and SPEC §8 read as an operator (or anyone with access to the cluster) reads it — {@code
 * temporal workflow show --output json} of a handoff whose contact lookup failed once with a
 * message naming the customer shows none of the customer's data in any event, the same command
 * through the API's codec endpoint with the ops token shows it, and the endpoint refuses a caller
 * without one; and the runbook's {@code temporal workflow update execute} of the operator Updates,
 * whose refusal reads as its reason only through the codec endpoint.
 */
@Tag("e2e")
class DevStackE2ETest {

  @TempDir static Path dataDir;
  static DevStack stack;
  static HandoffScenario scenario;

  @BeforeAll
  static void start() throws Exception {
    String target = System.getenv().getOrDefault("TEMPORAL_ADDRESS", "127.0.0.1:7233");
    stack =
        DevStack.start(DevStackTest.freePorts(), TemporalService.Mode.EXTERNAL, target, dataDir);
    scenario = new HandoffScenario(stack);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aHandoffIsFoundBySessionIdThroughVisibility() throws Exception {
    String sessionId = scenario.newSession();
    scenario.handOff(sessionId);

    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalTarget()).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(service);
      List<String> found = List.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (found.isEmpty() && System.nanoTime() < deadline) {
        found =
            client
                .listExecutions("OpenCxSessionId='" + sessionId + "' AND HandoffStatus='HandedOff'")
                .map(e -> e.getExecution().getWorkflowId())
                .toList();
        Thread.sleep(200);
      }
      assertThat(found).containsExactly(HandoffIds.workflowId(sessionId));
    } finally {
      service.shutdownNow();
    }

    var listed = scenario.get("/v1/ops/handoffs?status=HandedOff", DevStack.OPS_TOKEN);
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    JsonNode rows = HandoffScenario.JSON.readTree(listed.body()).get("handoffs");
    assertThat(rows.findValuesAsText("sessionId")).contains(sessionId);

    scenario.post("/v1/handoffs/" + sessionId + "/close", "{\"reason\":\"e2e done\"}");
    scenario.awaitStatus(sessionId, s -> "Closed".equals(s.path("phase").asText()));
  }

  @Test
  void theRawHistoryHoldsNoCustomerDataAndTheOpsTokenDecodesIt() throws Exception {
    String sessionId = scenario.newSession();
    // The create is the one Dataverse call that is a (non-local) activity: its failed attempt is
    // what the history records, as the next attempt's last failure.
    stack.dataverse.injectFault(
        Fault.status("POST", "$batch", 503, 1)
            .withError("0x80040216", "lookup for " + DemoData.CUSTOMER_NAME + " timed out"));
    scenario.handOff(sessionId);
    String workflowId = HandoffIds.workflowId(sessionId);

    String raw = temporal("workflow", "show", "-w", workflowId, "--output", "json");
    String seen = decodedStrings(raw);
    assertThat(seen).contains("binary/encrypted").contains(sessionId);
    assertThat(seen)
        .doesNotContain(DemoData.CUSTOMER_PHONE)
        .doesNotContain(DemoData.CUSTOMER_EMAIL)
        .doesNotContain(DemoData.CUSTOMER_NAME)
        .doesNotContain(DemoData.SUMMARY.substring(0, 40));

    String decoded =
        temporal(
            "workflow",
            "show",
            "-w",
            workflowId,
            "--output",
            "json",
            "--codec-endpoint",
            stack.apiUrl() + "/codec",
            "--codec-auth",
            "Bearer " + DevStack.OPS_TOKEN);
    String decodedSeen = decodedStrings(decoded);
    assertThat(decodedSeen)
        .contains(DemoData.CUSTOMER_PHONE)
        .contains(DemoData.SUMMARY.substring(0, 40))
        .contains("lookup for " + DemoData.CUSTOMER_NAME);

    HttpResponse<String> anonymous =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/codec/decode"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"payloads\":[]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);

    scenario.post("/v1/handoffs/" + sessionId + "/close", "{}");
    scenario.awaitStatus(sessionId, s -> "Closed".equals(s.path("phase").asText()));
  }

  @Test
  void theCliSendsTheOperatorUpdatesThroughTheCodecEndpoint() throws Exception {
    String sessionId = scenario.newSession();
    scenario.park(sessionId);
    String workflowId = HandoffIds.workflowId(sessionId);

    Cli blind = update(workflowId, "skip", "{\"operator\":\"e2e\"}", false);
    assertThat(blind.exit()).isNotZero(); // its reason is encrypted like every failure message
    assertThat(blind.output()).contains("NotSkippable").doesNotContain("cannot be skipped");
    Cli refused = update(workflowId, "skip", "{\"operator\":\"e2e\"}", true);
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.output()).contains("step CreateWorkItem cannot be skipped", "NotSkippable");

    String retryInput =
        "{\"workstreamId\":\"" + DemoData.WORKSTREAM_ID + "\",\"operator\":\"e2e\"}";
    Cli retry = update(workflowId, "retry", retryInput, true);
    assertThat(retry.exit()).as(retry.output()).isZero();
    assertThat(retry.output())
        .contains("retrying CreateWorkItem now on workstream " + DemoData.WORKSTREAM_ID);
    scenario.awaitStatus(sessionId, s -> "HandedOff".equals(s.path("phase").asText()));

    scenario.post("/v1/handoffs/" + sessionId + "/close", "{}");
    scenario.awaitStatus(sessionId, s -> "Closed".equals(s.path("phase").asText()));
  }

  /** Runs the {@code temporal} CLI against the stack's server; returns its standard output. */
  private static String temporal(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("temporal"));
    command.addAll(List.of(args));
    command.addAll(List.of("--address", stack.temporalTarget()));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("temporal %s", command).isZero();
    return out;
  }

  /** What the CLI printed (standard output and error together) and its exit code. */
  record Cli(int exit, String output) {}

  /** Runs the {@code temporal} CLI against the stack's server, whatever its exit code. */
  private static Cli cli(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("temporal"));
    command.addAll(List.of(args));
    command.addAll(List.of("--address", stack.temporalTarget()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Cli(process.exitValue(), out);
  }

  /** {@code temporal workflow update execute}, through the API's codec endpoint or not. */
  private static Cli update(String workflowId, String name, String input, boolean codec)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "workflow", "update", "execute", "-w", workflowId, "--name", name, "-i", input));
    if (codec) {
      args.addAll(
          List.of(
              "--codec-endpoint",
              stack.apiUrl() + "/codec",
              "--codec-auth",
              "Bearer " + DevStack.OPS_TOKEN));
    }
    return cli(args.toArray(String[]::new));
  }

  /** Every string of the JSON, those in base64 (payload data and metadata) decoded. */
  private static String decodedStrings(String json) throws IOException {
    StringBuilder seen = new StringBuilder();
    collect(HandoffScenario.JSON.readTree(json), seen);
    return seen.toString();
  }

  private static void collect(JsonNode node, StringBuilder seen) {
    if (node.isTextual()) {
      String text = node.asText();
      boolean base64 = text.length() % 4 == 0 && text.matches("[A-Za-z0-9+/]+={0,2}");
      seen.append(
              base64 ? new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8) : text)
          .append('\n');
    }
    node.forEach(child -> collect(child, seen));
  }
}
