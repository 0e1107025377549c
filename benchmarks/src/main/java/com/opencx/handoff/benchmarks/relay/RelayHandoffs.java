package com.opencx.handoff.benchmarks.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencx.handoff.benchmarks.BenchmarkSupport;
import com.opencx.handoff.benchmarks.HandoffLoad;
import com.opencx.handoff.devstack.DevStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real handoffs for the relay benchmark, through the public HTTP API of a running dev stack: a
 * WhatsApp session is seeded at the OpenCX emulator for each (its last inbound message a minute
 * ago, so the 24-hour window is open for the whole run), the start requests go in with a fixed
 * number of concurrent clients, and the handoffs are then read by their status until every one is
 * HandedOff, which yields each session's Direct Line conversation id (what the rep writes into).
 */
public final class RelayHandoffs {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DevStack stack;
  private final HttpClient http = HttpClient.newHttpClient();

  public RelayHandoffs(DevStack stack) {
    this.stack = stack;
  }

  /** Seeds {@code count} sessions at OpenCX; returns their ids. */
  public List<String> seed(String prefix, int count) {
    return BenchmarkSupport.seedSessions(stack, prefix, count);
  }

  /** Starts every session's handoff with {@code concurrency} clients; each must answer 202. */
  public void start(List<String> sessions, int concurrency) throws Exception {
    new HandoffLoad(stack).start(sessions, concurrency, Duration.ZERO);
  }

  /**
   * Waits until every session is HandedOff; returns session id → conversation id in the order
   * given. Each sweep reads the status of those not yet handed off, a second apart.
   */
  public Map<String, String> awaitHandedOff(List<String> sessions, Duration timeout)
      throws Exception {
    Map<String, String> conversations = new LinkedHashMap<>();
    sessions.forEach(s -> conversations.put(s, null));
    long deadline = System.nanoTime() + timeout.toNanos();
    int waiting = sessions.size();
    while (waiting > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            waiting + " of " + sessions.size() + " handoffs not HandedOff after " + timeout);
      }
      for (Map.Entry<String, String> entry : conversations.entrySet()) {
        if (entry.getValue() == null) {
          JsonNode status = status(entry.getKey());
          if (status != null && "HandedOff".equals(status.path("phase").asText())) {
            entry.setValue(status.path("conversationId").asText());
            waiting--;
          } else if (status != null && "NeedsAttention".equals(status.path("phase").asText())) {
            throw new IllegalStateException("handoff parked: " + status);
          }
        }
      }
      if (waiting > 0) {
        Thread.sleep(1000);
      }
    }
    return conversations;
  }

  private JsonNode status(String sessionId) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/v1/handoffs/" + sessionId))
                .header("Authorization", "Bearer " + DevStack.API_TOKEN)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
  }
}
