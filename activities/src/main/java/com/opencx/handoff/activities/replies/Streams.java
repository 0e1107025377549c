package com.opencx.handoff.activities.replies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Direct Line WebSocket streams a reader turn holds, one per hot conversation (directline.md
 * §5: one socket per conversation), on the JDK's asynchronous WebSocket client: idle sockets cost
 * no thread, and every frame is only queued here, so the turn's single thread does all signalling
 * and watermark keeping in order. Keep-alive frames (empty) are dropped; a socket that closes or
 * fails is reported once so the turn falls back to reading by {@code GET} and may open it again.
 */
final class Streams implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A frame's activity set, or (activities null) the end of the conversation's stream. */
  record Event(String conversationId, JsonNode activitySet) {
    boolean closed() {
      return activitySet == null;
    }
  }

  private final HttpClient http;
  private final Map<String, WebSocket> open = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();

  /**
   * @param http the worker's one WebSocket client (its selector thread serves every socket)
   */
  Streams(HttpClient http) {
    this.http = http;
  }

  static HttpClient newClient() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  boolean isOpen(String conversationId) {
    return open.containsKey(conversationId);
  }

  int size() {
    return open.size();
  }

  /** Opens the conversation's stream; false (reported as closed) when the handshake fails. */
  boolean open(String conversationId, String streamUrl) {
    try {
      WebSocket socket =
          http.newWebSocketBuilder()
              .buildAsync(URI.create(streamUrl), new Listener(conversationId))
              .get(15, TimeUnit.SECONDS);
      open.put(conversationId, socket);
      if (socket.isInputClosed() && open.remove(conversationId, socket)) {
        return false; // closed before it was recorded
      }
      return true;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
  }

  void close(String conversationId) {
    WebSocket socket = open.remove(conversationId);
    if (socket != null) {
      socket.abort();
    }
  }

  /**
   * What arrived since the last call, in arrival order per conversation, waiting up to {@code
   * nanos} for the first: the turn sleeps here, so a pushed activity wakes it at once.
   */
  List<Event> drain(long nanos) throws InterruptedException {
    List<Event> out = new ArrayList<>();
    Event first = nanos > 0 ? events.poll(nanos, TimeUnit.NANOSECONDS) : events.poll();
    if (first != null) {
      out.add(first);
      events.drainTo(out);
    }
    return out;
  }

  @Override
  public void close() {
    new ArrayList<>(open.keySet()).forEach(this::close);
  }

  private final class Listener implements WebSocket.Listener {
    private final String conversationId;
    private final StringBuilder text = new StringBuilder();

    Listener(String conversationId) {
      this.conversationId = conversationId;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String frame = text.toString();
        text.setLength(0);
        if (!frame.isBlank()) {
          try {
            events.add(new Event(conversationId, MAPPER.readTree(frame)));
          } catch (Exception unreadable) {
            ended(socket); // the turn reads by GET instead
          }
        }
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
      ended(socket);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      ended(socket);
    }

    private void ended(WebSocket socket) {
      if (open.remove(conversationId, socket)) {
        events.add(new Event(conversationId, null));
      }
    }
  }
}
