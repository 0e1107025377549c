package com.opencx.handoff.emulators.directline;

import com.opencx.handoff.emulators.http.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Direct Line WebSocket stream on its own loopback port, because the JDK HTTP server behind the
 * REST API cannot upgrade a connection. It does the RFC 6455 handshake for {@code GET
 * /v3/directline/conversations/{id}/stream?t=<token>[&watermark=w]} (no Authorization header, as
 * the real service), keeps one socket per conversation (a newer one closes the older with reason
 * {@code collision}), replays the backlog, pushes each new activity as an ActivitySet text frame
 * and sends empty keep-alive frames. Watermark: absent = replay from the start, a number = replay
 * after it, {@code -} = only newer activities.
 */
final class StreamServer implements AutoCloseable {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final String PREFIX = "/v3/directline/conversations/";

  private final ServerSocket serverSocket;
  private final Function<String, Conversation> conversations;
  private final Map<String, WebSocketConnection> open = new ConcurrentHashMap<>();
  private final ScheduledExecutorService keepAlive =
      Executors.newSingleThreadScheduledExecutor(daemon("directline-ws-keepalive"));

  StreamServer(int port, Function<String, Conversation> conversations, Duration keepAliveEvery) {
    this.conversations = conversations;
    try {
      serverSocket = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the stream port " + port, e);
    }
    daemon("directline-ws-accept").newThread(this::acceptLoop).start();
    long every = keepAliveEvery.toMillis();
    keepAlive.scheduleAtFixedRate(
        () -> open.values().forEach(c -> c.sendText("")), every, every, TimeUnit.MILLISECONDS);
  }

  /** {@code ws://127.0.0.1:<port>}. */
  String baseUrl() {
    return "ws://127.0.0.1:" + serverSocket.getLocalPort();
  }

  /** Closes the conversation's socket from the server side (the client should reconnect). */
  void drop(String conversationId, String reason) {
    WebSocketConnection connection = open.remove(conversationId);
    if (connection != null) {
      connection.close(1000, reason);
    }
  }

  boolean isStreaming(String conversationId) {
    WebSocketConnection connection = open.get(conversationId);
    return connection != null && !connection.isClosed();
  }

  @Override
  public void close() {
    keepAlive.shutdownNow();
    open.values().forEach(c -> c.close(1001, "emulator stopped"));
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      try {
        Socket socket = serverSocket.accept();
        daemon("directline-ws").newThread(() -> serve(socket)).start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String requestLine = in.readLine();
      String key = null;
      boolean upgrade = false;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        int colon = line.indexOf(':');
        String name = colon < 0 ? line : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = colon < 0 ? "" : line.substring(colon + 1).trim();
        if (name.equals("sec-websocket-key")) {
          key = value;
        } else if (name.equals("upgrade")) {
          upgrade = value.equalsIgnoreCase("websocket");
        }
      }
      String[] parts = requestLine == null ? new String[0] : requestLine.split(" ");
      URI uri = parts.length == 3 ? URI.create(parts[1]) : URI.create("/");
      String path = uri.getPath();
      Map<String, String> query = QueryString.parse(uri.getRawQuery());
      String id =
          path.startsWith(PREFIX) && path.endsWith("/stream")
              ? path.substring(PREFIX.length(), path.length() - "/stream".length())
              : null;
      Conversation conversation = id == null ? null : conversations.apply(id);
      if (!"GET".equals(parts.length == 3 ? parts[0] : "") || !upgrade || key == null) {
        refuse(socket, "400 Bad Request");
      } else if (conversation == null) {
        refuse(socket, "404 Not Found");
      } else if (!conversation.token.equals(query.get("t"))) {
        refuse(socket, "403 Forbidden");
      } else {
        accept(socket, key, conversation, query.get("watermark"));
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
    }
  }

  private void accept(Socket socket, String key, Conversation conversation, String watermark)
      throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + acceptKey(key)
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    WebSocketConnection connection = new WebSocketConnection(socket);
    WebSocketConnection previous = open.put(conversation.id, connection);
    if (previous != null) {
      previous.close(1000, "collision");
    }
    Consumer<List<Map<String, Object>>> listener =
        activities -> connection.sendText(new String(Json.write(activitySet(activities))));
    int from = watermark == null ? 0 : watermark.equals("-") ? Integer.MAX_VALUE : parse(watermark);
    conversation.listen(listener, from);
    connection.readUntilClosed();
    conversation.unlisten(listener);
    open.remove(conversation.id, connection);
  }

  static Map<String, Object> activitySet(List<Map<String, Object>> activities) {
    int last = Conversation.sequence(activities.get(activities.size() - 1));
    return Map.of("activities", activities, "watermark", Integer.toString(last));
  }

  private static int parse(String watermark) {
    try {
      return Integer.parseInt(watermark);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void refuse(Socket socket, String status) throws IOException {
    socket
        .getOutputStream()
        .write(
            ("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    socket.close();
  }

  private static String acceptKey(String key) {
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // gone
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
