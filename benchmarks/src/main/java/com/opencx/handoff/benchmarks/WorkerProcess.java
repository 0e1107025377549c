package com.opencx.handoff.benchmarks;

import com.opencx.handoff.devstack.DevStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One more worker of a dev stack, as a JVM of its own (the benchmark's own class path, the worker's
 * main class): several of them share a Dataverse budget as production's replicas do, and one alone
 * has a heap that holds nothing but the worker. Read through its Prometheus endpoint.
 */
final class WorkerProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private WorkerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts it and waits until it is healthy (Temporal connected, Dataverse answering). */
  static WorkerProcess start(
      DevStack stack, Map<String, Object> overrides, String maxHeap, Path log) throws Exception {
    int port = BenchmarkSupport.freePort();
    Map<String, Object> settings = new LinkedHashMap<>(overrides);
    settings.put("server.port", port);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + maxHeap);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dloader.main=com.opencx.handoff.worker.WorkerApplication");
    command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
    command.addAll(List.of(stack.workerArguments(settings)));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    WorkerProcess worker = new WorkerProcess(process, port);
    worker.awaitHealthy(Duration.ofMinutes(2), log);
    return worker;
  }

  private void awaitHealthy(Duration timeout, Path log) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("worker exited " + process.exitValue() + "; see " + log);
      }
      try {
        if (get("/actuator/health").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("worker not healthy in " + timeout + "; see " + log);
  }

  /** Runs a full GC in it, so that the heap read next is what is live. */
  void collectGarbage() throws Exception {
    new ProcessBuilder("jcmd", "" + process.pid(), "GC.run")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor(60, TimeUnit.SECONDS);
  }

  /** The sum of every series of {@code name} in its Prometheus scrape (0 when absent). */
  double metric(String name, String labelFilter) throws Exception {
    double sum = 0;
    for (String line : get("/actuator/prometheus").body().split("\n")) {
      if ((line.startsWith(name + " ") || line.startsWith(name + "{"))
          && (labelFilter == null || line.contains(labelFilter))) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
