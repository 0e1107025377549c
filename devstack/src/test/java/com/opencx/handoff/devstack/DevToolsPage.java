package com.opencx.handoff.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One browser tab driven over the Chrome DevTools protocol with nothing but the JDK's WebSocket
 * client, so that a test can use a page the way a person does (real clicks and typing through
 * {@code Input} events, not calls into the page's functions) without a Selenium or Playwright
 * dependency and the browser downloads they bring. It speaks to the browser's endpoint and
 * addresses the tab by the flat session id of {@code Target.attachToTarget}; events are ignored,
 * every wait polls the page with {@code Runtime.evaluate}.
 */
final class DevToolsPage implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private String sessionId;

  private DevToolsPage(URI browserEndpoint) throws Exception {
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(browserEndpoint, new Replies())
            .get(10, TimeUnit.SECONDS);
  }

  /** Opens a new tab of the browser at {@code browserEndpoint}, {@code width × height} pixels. */
  static DevToolsPage open(URI browserEndpoint, int width, int height) throws Exception {
    DevToolsPage page = new DevToolsPage(browserEndpoint);
    String targetId =
        page.send("Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
    page.sessionId =
        page.send("Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
            .path("sessionId")
            .asText();
    page.send(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    return page;
  }

  /** Loads {@code url} and waits until the document has loaded. */
  void navigate(String url) throws Exception {
    JsonNode result = send("Page.navigate", Map.of("url", url));
    if (result.hasNonNull("errorText")) {
      throw new IOException("cannot load " + url + ": " + result.get("errorText").asText());
    }
    await(
        "document.readyState === 'complete' && location.href !== 'about:blank'", "the page loads");
  }

  /** The value of a JavaScript expression (promises awaited); page exceptions are thrown. */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode result =
        send(
            "Runtime.evaluate",
            Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException(
          "the page threw on " + expression + ": " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /**
   * Polls {@code condition} (a JavaScript boolean) for up to 20 s; fails with what the page shows.
   */
  void await(String condition, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (evaluate("Boolean(" + condition + ")").asBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "waited 20 s for " + what + "; the page shows:\n" + evaluate("document.body.innerText"));
  }

  /** A left click in the middle of the element {@code selector} matches, as a mouse makes it. */
  void click(String selector) throws Exception {
    JsonNode box =
        evaluate(
            "(() => { const e = document.querySelector("
                + quote(selector)
                + "); e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
    for (String type : new String[] {"mouseMoved", "mousePressed", "mouseReleased"}) {
      ObjectNode event = JSON.createObjectNode().put("type", type);
      event.put("x", box.path("x").asDouble()).put("y", box.path("y").asDouble());
      if (!type.equals("mouseMoved")) {
        event.put("button", "left").put("clickCount", 1);
      }
      send("Input.dispatchMouseEvent", event);
    }
  }

  /** Focuses {@code selector} and types {@code text} into it as keyboard input would insert it. */
  void type(String selector, String text) throws Exception {
    evaluate("document.querySelector(" + quote(selector) + ").focus()");
    send("Input.insertText", Map.of("text", text));
  }

  /** A PNG of the tab's viewport. */
  byte[] screenshot() throws Exception {
    String data = send("Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
    return Base64.getDecoder().decode(data);
  }

  /** {@code text} as a JavaScript string literal. */
  static String quote(String text) throws IOException {
    return JSON.writeValueAsString(text);
  }

  /** Sends one command (to the tab once attached) and waits for its result. */
  JsonNode send(String method, Object params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", JSON.valueToTree(params));
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    synchronized (socket) { // one text message at a time, as java.net.http.WebSocket requires
      socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    }
    try {
      return reply.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } finally {
      pending.remove(id);
    }
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      socket.abort(); // the browser went first; nothing is left to say
    }
  }

  /** Joins each message's fragments and completes the command its id answers. */
  private final class Replies implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(text.toString());
          CompletableFuture<JsonNode> reply = pending.get(message.path("id").asInt(-1));
          if (reply != null && message.has("error")) {
            reply.completeExceptionally(new IOException("DevTools: " + message.get("error")));
          } else if (reply != null) {
            reply.complete(message.path("result"));
          }
        } catch (IOException e) {
          pending.values().forEach(r -> r.completeExceptionally(e));
        }
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      pending.values().forEach(r -> r.completeExceptionally(error));
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int status, String reason) {
      IOException closed = new IOException("DevTools closed: " + status + " " + reason);
      pending.values().forEach(r -> r.completeExceptionally(closed));
      return null;
    }
  }
}
