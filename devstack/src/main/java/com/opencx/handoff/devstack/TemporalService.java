package com.opencx.handoff.devstack;

import com.opencx.handoff.workflows.HandoffSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The dev stack's Temporal: the real {@code temporal} CLI dev server when it is on the PATH (with
 * the Temporal UI and visibility queries), else Temporal's Java test server in-process (no UI, no
 * visibility), or an already running server. Either way the handoff's search attributes are
 * registered before the worker starts, since upserting an unregistered one fails the workflow task.
 */
public final class TemporalService implements Closeable {

  /**
   * How to get a Temporal service: {@code auto}, {@code cli}, {@code test-server}, or an address.
   */
  public enum Mode {
    AUTO,
    CLI,
    TEST_SERVER,
    EXTERNAL
  }

  final String target;
  final String description;
  private final Closeable running;

  private TemporalService(String target, String description, Closeable running) {
    this.target = target;
    this.description = description;
    this.running = running;
  }

  static TemporalService start(
      Mode mode, String external, int port, int uiPort, Path dataDir, String codecEndpoint)
      throws IOException, InterruptedException {
    if (mode == Mode.EXTERNAL) {
      TemporalService service =
          new TemporalService(external, "external Temporal at " + external, () -> {});
      service.awaitReady();
      service.registerSearchAttributes();
      return service;
    }
    String cli = mode == Mode.TEST_SERVER ? null : findOnPath("temporal");
    if (mode == Mode.CLI && cli == null) {
      throw new IllegalStateException("--temporal=cli but no 'temporal' on the PATH");
    }
    requireFree(port, "Temporal's gRPC port");
    TemporalService service;
    if (cli != null) {
      requireFree(uiPort, "the Temporal UI's port");
      Files.createDirectories(dataDir);
      List<String> command =
          new ArrayList<>(
              List.of(
                  cli,
                  "server",
                  "start-dev",
                  "--ip",
                  "127.0.0.1",
                  "--port",
                  "" + port,
                  "--ui-port",
                  "" + uiPort,
                  "--db-filename",
                  dataDir.resolve("temporal.db").toString(),
                  "--log-level",
                  "warn"));
      if (codecEndpoint != null) {
        // The UI decodes payloads through the API, which asks for the ops token (SPEC §8).
        command.add("--ui-codec-endpoint");
        command.add(codecEndpoint);
      }
      for (var key : HandoffSearchAttributes.ALL) {
        command.add("--search-attribute");
        command.add(key.getName() + "=" + typeName(key.getValueType()));
      }
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dataDir.resolve("temporal.log").toFile())
              .start();
      service =
          new TemporalService(
              "127.0.0.1:" + port,
              "temporal CLI dev server (UI http://127.0.0.1:" + uiPort + ")",
              () -> stop(process));
    } else {
      TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
      service =
          new TemporalService(
              "127.0.0.1:" + port,
              "Temporal Java test server in-process (no UI, no visibility queries)",
              server);
    }
    service.awaitReady();
    service.registerSearchAttributes();
    return service;
  }

  /** Another Temporal already on the port would silently serve instead of ours: say so. */
  private static void requireFree(int port, String what) throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
      socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
    } catch (java.net.BindException e) {
      throw new IllegalStateException(
          what
              + " "
              + port
              + " is in use. Stop what runs there, or use it with --temporal=127.0.0.1:"
              + port);
    }
  }

  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget(target)
                  .validateAndBuildWithDefaults());
      try {
        stubs.healthCheck();
        return;
      } catch (RuntimeException e) {
        last = e;
        Thread.sleep(250);
      } finally {
        stubs.shutdownNow();
      }
    }
    throw new IllegalStateException(
        "Temporal at " + target + " did not become ready in 60 s", last);
  }

  /** Idempotent: an attribute that already exists is left as it is. */
  private void registerSearchAttributes() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target)
                .validateAndBuildWithDefaults());
    try {
      for (var key : HandoffSearchAttributes.ALL) {
        try {
          operator
              .blockingStub()
              .addSearchAttributes(
                  AddSearchAttributesRequest.newBuilder()
                      .setNamespace("default")
                      .putSearchAttributes(key.getName(), key.getValueType())
                      .build());
        } catch (io.grpc.StatusRuntimeException e) {
          if (e.getStatus().getCode() != io.grpc.Status.Code.ALREADY_EXISTS) {
            throw e;
          }
        }
      }
    } finally {
      operator.shutdownNow();
    }
  }

  private static String typeName(IndexedValueType type) {
    return type == IndexedValueType.INDEXED_VALUE_TYPE_BOOL ? "Bool" : "Keyword";
  }

  private static String findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File candidate = new File(dir, name);
      if (candidate.canExecute()) {
        return candidate.getAbsolutePath();
      }
    }
    return null;
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    running.close();
  }
}
