package com.opencx.handoff.benchmarks;

import com.opencx.handoff.devstack.DevStack;
import com.opencx.handoff.emulators.DemoData;
import com.opencx.handoff.workflows.HandoffIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Handoffs started the way OpenCX starts them (the HTTP API) and timed to the moment their work
 * item is in the Dataverse emulator, or their last step (the audit) at the OpenCX emulator: what
 * the throughput, burst and idle benchmarks have in common. Times are taken when a start is
 * submitted, so a queue in front of the API counts against us.
 */
public final class HandoffLoad {

  private final DevStack stack;
  private final HttpClient http = HttpClient.newHttpClient();

  public HandoffLoad(DevStack stack) {
    this.stack = stack;
  }

  /**
   * Starts each session's handoff, {@code concurrency} requests at a time, the starts spread evenly
   * over {@code spread} (zero: as fast as the API takes them). Returns each session's submit time
   * (nanos), in order; fails unless every start answered 202.
   */
  public Map<String, Long> start(List<String> sessions, int concurrency, Duration spread)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    Map<String, Long> submitted = new LinkedHashMap<>();
    List<Future<Integer>> posts = new ArrayList<>();
    long begin = System.nanoTime();
    long gap = sessions.isEmpty() ? 0 : spread.toNanos() / sessions.size();
    for (String id : sessions) {
      long due = begin + gap * submitted.size();
      while (System.nanoTime() < due) {
        LockSupport.parkNanos(due - System.nanoTime());
      }
      submitted.put(id, System.nanoTime());
      posts.add(pool.submit(() -> post(id)));
    }
    for (Future<Integer> post : posts) {
      if (post.get() != 202) {
        throw new IllegalStateException("start answered " + post.get());
      }
    }
    pool.shutdown();
    return submitted;
  }

  /**
   * Nanos from each start to its work item, sorted; fails when not all appear within {@code
   * timeout}.
   */
  long[] awaitWorkItems(Map<String, Long> submitted, Duration timeout) throws InterruptedException {
    return await(
        submitted,
        timeout,
        "work items",
        () ->
            id ->
                stack
                    .dataverse
                    .record("msdyn_ocliveworkitems", HandoffIds.workItemId(id))
                    .isPresent());
  }

  /**
   * Nanos from each start to its {@code handoff.created} audit at the OpenCX emulator, sorted: the
   * audit is the handoff's last step, so this is the whole handoff, not only the work item. Fails
   * when not all are written within {@code timeout}.
   */
  long[] awaitAudited(Map<String, Long> submitted, Duration timeout) throws InterruptedException {
    return await(
        submitted,
        timeout,
        "handoff audits",
        () -> {
          Set<Object> written = new HashSet<>();
          for (Map<String, Object> event : stack.openCx.auditEvents()) {
            written.add(event.get("eventId"));
          }
          return id -> written.contains(HandoffIds.auditEventId(id, "handoff.created", null));
        });
  }

  /** Polls {@code done} (a fresh view each round) until it holds for every submitted session. */
  private static long[] await(
      Map<String, Long> submitted, Duration timeout, String what, Supplier<Predicate<String>> done)
      throws InterruptedException {
    List<String> pending = new ArrayList<>(submitted.keySet());
    long[] latencies = new long[pending.size()];
    int count = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      Predicate<String> now = done.get();
      for (var it = pending.iterator(); it.hasNext(); ) {
        String id = it.next();
        if (now.test(id)) {
          latencies[count++] = System.nanoTime() - submitted.get(id);
          it.remove();
        }
      }
      if (!pending.isEmpty()) {
        Thread.sleep(pending.size() > 1000 ? 100 : 5);
      }
    }
    if (!pending.isEmpty()) {
      throw new IllegalStateException(
          pending.size()
              + " of "
              + submitted.size()
              + " "
              + what
              + " did not appear in "
              + timeout);
    }
    Arrays.sort(latencies);
    return latencies;
  }

  /** One handoff, started and waited for: so class loading and JIT miss the measured ones. */
  void warmUp() throws Exception {
    awaitWorkItems(start(List.of(DemoData.SESSION_ID), 1, Duration.ZERO), Duration.ofSeconds(60));
  }

  /** The {@code q}-quantile of sorted nanos, in milliseconds. */
  static long millis(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1_000_000;
  }

  private int post(String sessionId) throws Exception {
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
            HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/v1/handoffs"))
                .header("Authorization", "Bearer " + DevStack.API_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
