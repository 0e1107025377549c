package com.opencx.handoff.ops;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencx.handoff.codec.HandoffDataConverter;
import com.opencx.handoff.codec.PayloadKeys;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.HandoffSearchAttributes;
import com.opencx.handoff.workflows.HandoffWorkflow;
import com.opencx.handoff.workflows.HandoffWorkflowImpl;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.MediaItem;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testserver.TestServer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The real workflow on a real Temporal frontend (the Java test server bound to a port, or a dev
 * server for the e2e test), its client and worker encrypting with the real codec, and the command
 * run in-process against that frontend's address exactly as an operator would run it, with its
 * environment given as a map. Each harness has a task queue of its own, so a shared dev server's
 * other workers never pick up its handoffs; and one queue nobody polls, for "no worker answered".
 */
final class OpsHarness implements AutoCloseable {

  /** A fixed, published test key (not a secret): the workflows module's tests use it too. */
  static final String TEST_KEYS = "test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  static final String WORKSTREAM = "5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f";

  /** Dynamics answers 404 for this workstream until a test removes it from the fake's list. */
  static final String MISSING_WORKSTREAM = "00000000-0000-4000-8000-000000000404";

  static final ObjectMapper JSON = new ObjectMapper();

  /** A command's outcome: exit code and what it printed. */
  record Result(int exit, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("stdout is not JSON: " + out + " / stderr: " + err, e);
      }
    }
  }

  final String address;
  final String taskQueue = "ops-cli-test-" + UUID.randomUUID();
  final String idleTaskQueue = taskQueue + "-nobody-polls";
  final FakeActivities fakes = new FakeActivities();
  final TestWorkflowEnvironment env;
  final Map<String, String> environment = new HashMap<>();

  /** The Java test server bound to a free port, closed with the harness. */
  private TestServer.PortBoundTestServer testServer;

  /** On a fresh Java test server of its own (real time, no visibility list). */
  static OpsHarness onTestServer() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
    OpsHarness harness = new OpsHarness("127.0.0.1:" + port, true);
    harness.testServer = server;
    return harness;
  }

  /** On a server someone else runs, e.g. a dev server whose search attributes are registered. */
  static OpsHarness on(String address) {
    return new OpsHarness(address, false);
  }

  private OpsHarness(String address, boolean registerSearchAttributes) {
    this.address = address;
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setUseExternalService(true)
                .setTarget(address)
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(
                            HandoffDataConverter.create(PayloadKeys.parse(TEST_KEYS, null)))
                        .build())
                .build());
    if (registerSearchAttributes) {
      for (var key : HandoffSearchAttributes.ALL) {
        env.registerSearchAttribute(key.getName(), key.getValueType());
      }
    }
    fakes.missingWorkstreams.add(MISSING_WORKSTREAM);
    Worker worker =
        env.newWorker(
            taskQueue,
            WorkerOptions.newBuilder()
                // A slow CI machine is not a deadlock; a real one still fails.
                .setDefaultDeadlockDetectionTimeout(Duration.ofSeconds(30).toMillis())
                .build());
    worker.registerWorkflowImplementationTypes(HandoffWorkflowImpl.class);
    worker.registerActivitiesImplementations(fakes.all());
    env.newWorker(HandoffWorkflow.dataverseTaskQueue(taskQueue))
        .registerActivitiesImplementations(fakes.dataverse());
    env.start();
    environment.put("TEMPORAL_ADDRESS", address);
    environment.put("HANDOFF_CODEC_KEYS", TEST_KEYS);
    environment.put("USER", "alice");
    environment.put("HANDOFF_SECRETS_DIR", "/nonexistent/ops-cli-test");
  }

  /** Starts a handoff as the API does (search attributes at start), on the harness's queue. */
  void start(String sessionId, String workstreamId) {
    start(sessionId, workstreamId, taskQueue);
  }

  /** Starts a handoff on a queue no worker polls: it never runs a step nor answers anything. */
  void startUnattended(String sessionId) {
    start(sessionId, WORKSTREAM, idleTaskQueue);
  }

  private void start(String sessionId, String workstreamId, String queue) {
    HandoffRequest request =
        new HandoffRequest(
            sessionId,
            "whatsapp",
            new HandoffRequest.Customer("+14155550100", "Ana", "ana@example.com"),
            "Customer asks for a refund of order 1234.",
            Instant.now().minus(Duration.ofHours(1)),
            List.of(new MediaItem("m-1", "image/jpeg", 1000L, "receipt.jpg", null)),
            workstreamId);
    HandoffWorkflow handoff =
        env.getWorkflowClient()
            .newWorkflowStub(
                HandoffWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(HandoffIds.workflowId(sessionId))
                    .setTaskQueue(queue)
                    .setTypedSearchAttributes(HandoffSearchAttributes.atStart(request))
                    .build());
    WorkflowClient.start(handoff::run, request, null);
  }

  static String newSession(String label) {
    return label + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Runs {@code handoff-ops args…} in-process and captures its exit code, stdout and stderr. */
  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        HandoffOpsCommand.execute(
            args, Map.copyOf(environment), new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }

  /** Runs the command until its output satisfies {@code done}; fails after ~20 s of polling. */
  Result await(Predicate<Result> done, String... args) {
    Result last = null;
    for (int attempt = 0; attempt < 400; attempt++) {
      last = run(args);
      if (done.test(last)) {
        return last;
      }
      pause();
    }
    return fail("'%s' never matched; last: %s", String.join(" ", args), last);
  }

  /** Waits until {@code show --json} reports the phase (and step, when given). */
  JsonNode awaitShown(String sessionId, String phase, String step) {
    Result shown =
        await(
            r ->
                r.exit() == 0
                    && phase.equals(r.json().path("phase").asText())
                    && (step == null || step.equals(r.json().path("step").asText())),
            "show",
            sessionId,
            "--json");
    return shown.json();
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Ends what this harness started, so a shared server keeps no running handoffs of tests. */
  void terminate(String sessionId) {
    try {
      env.getWorkflowClient()
          .newUntypedWorkflowStub(HandoffIds.workflowId(sessionId))
          .terminate("ops-cli test done");
    } catch (RuntimeException alreadyEnded) {
      // ended by the test itself
    }
  }

  @Override
  public void close() {
    env.close();
    if (testServer != null) {
      testServer.close();
    }
  }
}
