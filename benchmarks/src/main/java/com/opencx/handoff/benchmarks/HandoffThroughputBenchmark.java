package com.opencx.handoff.benchmarks;

import com.opencx.handoff.devstack.DevStack;
import com.opencx.handoff.devstack.TemporalService;
import com.opencx.handoff.emulators.DemoData;
import com.opencx.handoff.workflows.HandoffIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How many handoffs per second one worker process carries, how long a customer waits for the rep's
 * work item, and how many Dataverse requests each handoff costs — through the real HTTP API,
 * Temporal, worker and clients, against the emulators (so Dataverse's own latency is not in it).
 * Results are compared within one run, never against a fixed wall-clock limit. Usage: {@code ./mvnw
 * -q -DskipTests install && ./mvnw -q -pl benchmarks exec:java -Dexec.args="--handoffs 200
 * --concurrency 16 --requests-per-second 20 --temporal=test-server"}.
 */
public final class HandoffThroughputBenchmark {

  private HandoffThroughputBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = BenchmarkSupport.parse(argv);
    int handoffs = Integer.parseInt(args.getOrDefault("handoffs", "200"));
    int concurrency = Integer.parseInt(args.getOrDefault("concurrency", "16"));
    String rps = args.getOrDefault("requests-per-second", "20");
    String temporal = args.getOrDefault("temporal", "test-server");
    TemporalService.Mode mode =
        temporal.equals("test-server")
            ? TemporalService.Mode.TEST_SERVER
            : TemporalService.Mode.EXTERNAL;

    DevStack.Ports ports =
        new DevStack.Ports(0, 0, 0, 0, BenchmarkSupport.freePort(), BenchmarkSupport.freePort());
    try (DevStack stack =
        DevStack.start(
            ports,
            mode,
            temporal,
            Files.createTempDirectory("bench"),
            Map.of("dynamics.requests-per-second", rps, "logging.level.root", "WARN"))) {
      List<String> sessions = BenchmarkSupport.seedSessions(stack, "bench", handoffs);
      warmUp(stack);
      stack.dataverse.resetCounters();

      HttpClient http = HttpClient.newHttpClient();
      ExecutorService pool = Executors.newFixedThreadPool(concurrency);
      long start = System.nanoTime();
      Map<String, Long> submitted = new HashMap<>();
      List<Future<Integer>> posts = new ArrayList<>();
      for (String id : sessions) {
        submitted.put(id, System.nanoTime());
        posts.add(pool.submit(() -> post(http, stack.apiUrl(), id)));
      }
      for (Future<Integer> post : posts) {
        if (post.get() != 202) {
          throw new IllegalStateException("start answered " + post.get());
        }
      }
      pool.shutdown();

      long[] toWorkItem = new long[handoffs];
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      int done = 0;
      while (done < handoffs && System.nanoTime() < deadline) {
        for (int i = 0; i < handoffs; i++) {
          if (toWorkItem[i] == 0
              && stack
                  .dataverse
                  .record("msdyn_ocliveworkitems", HandoffIds.workItemId(sessions.get(i)))
                  .isPresent()) {
            toWorkItem[i] = System.nanoTime() - submitted.get(sessions.get(i));
            done++;
          }
        }
        Thread.sleep(5);
      }
      long elapsed = System.nanoTime() - start;
      if (done < handoffs) {
        throw new IllegalStateException(
            done + " of " + handoffs + " work items appeared in 10 min");
      }
      Arrays.sort(toWorkItem);
      double seconds = elapsed / 1e9;
      System.out.printf(
          "| %s | %d | %d | %s | %.1f | %d | %d | %d | %.2f |%n",
          Instant.now().truncatedTo(ChronoUnit.MINUTES),
          handoffs,
          concurrency,
          rps,
          handoffs / seconds,
          toWorkItem[handoffs / 2] / 1_000_000,
          toWorkItem[(int) (handoffs * 0.95)] / 1_000_000,
          toWorkItem[handoffs - 1] / 1_000_000,
          stack.dataverse.requestCount() / (double) handoffs);
    }
    System.exit(0);
  }

  /** One handoff first, so class loading and JIT do not land on the measured ones. */
  private static void warmUp(DevStack stack) throws Exception {
    post(HttpClient.newHttpClient(), stack.apiUrl(), DemoData.SESSION_ID);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (stack
            .dataverse
            .record("msdyn_ocliveworkitems", HandoffIds.workItemId(DemoData.SESSION_ID))
            .isEmpty()
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private static int post(HttpClient http, String apiUrl, String sessionId) throws Exception {
    String body =
        """
        {"sessionId":"%s","channel":"whatsapp","customer":{"phone":"%s","email":"%s"},
         "summary":"%s","lastInboundAt":"%s","media":[]}"""
            .formatted(
                sessionId,
                DemoData.CUSTOMER_PHONE,
                DemoData.CUSTOMER_EMAIL,
                DemoData.SUMMARY,
                Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS));
    return http.send(
            HttpRequest.newBuilder(URI.create(apiUrl + "/v1/handoffs"))
                .header("Authorization", "Bearer " + DevStack.API_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
