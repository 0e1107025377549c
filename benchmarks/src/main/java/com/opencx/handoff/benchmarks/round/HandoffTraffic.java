package com.opencx.handoff.benchmarks.round;

import com.opencx.handoff.devstack.DevStack;
import com.opencx.handoff.emulators.DemoData;
import com.opencx.handoff.emulators.opencx.Session;
import com.opencx.handoff.workflows.HandoffIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What OpenCX does to the service during a round, through the dev stack's real HTTP API: seed
 * WhatsApp sessions without media in the OpenCX emulator, start their handoffs with a fixed number
 * of concurrent clients ({@code POST /v1/handoffs}), time each one from its start request until its
 * work item exists in the Dataverse emulator (what the rep waits for, as {@code
 * HandoffThroughputBenchmark} measures it), and close them ({@code POST
 * /v1/handoffs/{sessionId}/close}). It uses only the dev stack, emulator and id APIs that both the
 * base revision and the working tree have, because it is compiled against each of them.
 */
final class HandoffTraffic {

  /** How often the emulator is asked for new work items: the latency's resolution. */
  private static final int POLL_MS = 20;

  private final DevStack stack;
  private final int concurrency;
  private final HttpClient http = HttpClient.newHttpClient();

  HandoffTraffic(DevStack stack, int concurrency) {
    this.stack = stack;
    this.concurrency = concurrency;
  }

  /** Seeds {@code count} sessions in OpenCX, ids {@code <prefix>-<i>}; returns their ids. */
  List<String> seed(String prefix, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = prefix + "-" + i;
      stack.openCx.addSession(
          new Session(
              id,
              "whatsapp",
              "ai",
              DemoData.CUSTOMER_NAME,
              DemoData.CUSTOMER_EMAIL,
              DemoData.CUSTOMER_PHONE,
              DemoData.SUMMARY,
              Instant.now().minusSeconds(60),
              null));
      ids.add(id);
    }
    return ids;
  }

  /**
   * Starts every session's handoff and waits for all work items; returns each handoff's time from
   * the moment its start request was queued to its work item, in nanoseconds, in the order of
   * {@code sessions}.
   */
  long[] startAndAwaitWorkItems(List<String> sessions, Duration timeout) throws Exception {
    long[] submitted = new long[sessions.size()];
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Future<Integer>> posts = new ArrayList<>();
    try {
      for (int i = 0; i < sessions.size(); i++) {
        String id = sessions.get(i);
        submitted[i] = System.nanoTime(); // the whole burst is due now, as in the throughput bench
        posts.add(pool.submit(() -> post("/v1/handoffs", startBody(id))));
      }
      for (Future<Integer> post : posts) {
        if (post.get() != 202) {
          throw new IllegalStateException("POST /v1/handoffs answered " + post.get());
        }
      }
    } finally {
      pool.shutdown();
    }
    List<String> workItems = sessions.stream().map(HandoffIds::workItemId).toList();
    long[] toWorkItem = new long[sessions.size()];
    long deadline = System.nanoTime() + timeout.toNanos();
    int done = 0;
    while (done < sessions.size()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            done + " of " + sessions.size() + " work items appeared within " + timeout);
      }
      for (int i = 0; i < sessions.size(); i++) {
        if (toWorkItem[i] == 0
            && stack.dataverse.record("msdyn_ocliveworkitems", workItems.get(i)).isPresent()) {
          toWorkItem[i] = Math.max(1, System.nanoTime() - submitted[i]);
          done++;
        }
      }
      Thread.sleep(POLL_MS); // the poll competes for the same 2 cores: keep it light
    }
    return toWorkItem;
  }

  /** Closes every session's handoff, {@code concurrency} at a time. */
  void close(List<String> sessions) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<Integer>> posts = new ArrayList<>();
      for (String id : sessions) {
        posts.add(
            pool.submit(
                () -> post("/v1/handoffs/" + id + "/close", "{\"reason\":\"benchmark done\"}")));
      }
      for (Future<Integer> post : posts) {
        if (post.get() != 202) {
          throw new IllegalStateException("POST …/close answered " + post.get());
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  private static String startBody(String sessionId) {
    return """
        {"sessionId":"%s","channel":"whatsapp","customer":{"phone":"%s","email":"%s"},
         "summary":"%s","lastInboundAt":"%s","media":[]}"""
        .formatted(
            sessionId,
            DemoData.CUSTOMER_PHONE,
            DemoData.CUSTOMER_EMAIL,
            DemoData.SUMMARY,
            Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS));
  }

  private int post(String path, String body) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
                .header("Authorization", "Bearer " + DevStack.API_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
