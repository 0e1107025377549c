package com.opencx.handoff.emulators.directline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.opencx.handoff.emulators.TestHttp;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DirectLineStreamTest extends DirectLineTestSupport {

  private final OkHttpClient client = new OkHttpClient();

  /** Collects what one socket receives. */
  static final class Recorder extends WebSocketListener {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<String> closings = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> opened = new LinkedBlockingQueue<>();

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      opened.add(response.code());
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      messages.add(text);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      closings.add(reason);
      webSocket.close(1000, null);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      closings.add("failure: " + t);
    }

    /** The activities of the next non-empty frame (empty frames are keep-alives). */
    List<Map<String, Object>> nextActivities() throws InterruptedException {
      while (true) {
        String text = messages.poll(5, TimeUnit.SECONDS);
        assertThat(text).as("a frame within 5 s").isNotNull();
        if (text.isEmpty()) {
          continue;
        }
        try {
          Map<String, Object> set = TestHttp.JSON.readValue(text, new TypeReference<>() {});
          @SuppressWarnings("unchecked")
          List<Map<String, Object>> activities = (List<Map<String, Object>>) set.get("activities");
          assertThat(set).containsKey("watermark");
          return activities;
        } catch (java.io.IOException e) {
          throw new AssertionError("not an ActivitySet: " + text, e);
        }
      }
    }
  }

  @AfterEach
  void stopClient() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private WebSocket connect(String streamUrl, Recorder recorder) throws InterruptedException {
    WebSocket socket = client.newWebSocket(new Request.Builder().url(streamUrl).build(), recorder);
    assertThat(recorder.opened.poll(5, TimeUnit.SECONDS)).isEqualTo(101);
    return socket;
  }

  @Test
  void theStreamReplaysSinceStartThenPushesTheRepsReply() throws Exception {
    Map<String, Object> started = startConversation();
    String id = (String) started.get("conversationId");
    post(id, message("before the socket"));
    Recorder recorder = new Recorder();

    WebSocket socket = connect((String) started.get("streamUrl"), recorder);
    List<Map<String, Object>> replay = recorder.nextActivities();
    directLine.repReply(id, "Hi, this is Dana");
    List<Map<String, Object>> pushed = recorder.nextActivities();

    assertThat(replay).extracting(a -> a.get("text")).containsExactly("before the socket");
    assertThat(pushed).hasSize(1);
    assertThat(pushed.get(0))
        .containsEntry("text", "Hi, this is Dana")
        .containsEntry("type", "message");
    assertThat(pushed.get(0).get("from"))
        .isEqualTo(Map.of("id", BOT, "name", "Omnichannel Agent", "role", "bot"));
    socket.close(1000, null);
  }

  @Test
  void aSecondSocketClosesTheFirstWithCollision() throws Exception {
    Map<String, Object> started = startConversation();
    String url = (String) started.get("streamUrl");
    Recorder first = new Recorder();
    Recorder second = new Recorder();

    connect(url, first);
    WebSocket socket = connect(url, second);

    assertThat(first.closings.poll(5, TimeUnit.SECONDS)).isEqualTo("collision");
    directLine.repReply((String) started.get("conversationId"), "only the second hears this");
    assertThat(second.nextActivities())
        .extracting(a -> a.get("text"))
        .containsExactly("only the second hears this");
    socket.close(1000, null);
  }

  @Test
  void aReconnectWithAWatermarkReplaysOnlyWhatCameAfterIt() throws Exception {
    Map<String, Object> started = startConversation();
    String id = (String) started.get("conversationId");
    post(id, message("one"));
    post(id, message("two"));
    String url =
        (String)
            http.get("/v3/directline/conversations/" + id + "?watermark=1").json().get("streamUrl");
    Recorder recorder = new Recorder();

    WebSocket socket = connect(url, recorder);

    assertThat(recorder.nextActivities()).extracting(a -> a.get("text")).containsExactly("two");
    socket.close(1000, null);
  }

  @Test
  void aWrongTokenIsRefusedAtTheHandshake() throws Exception {
    Map<String, Object> started = startConversation();
    String url = ((String) started.get("streamUrl")).replaceAll("t=.*", "t=wrong");
    Recorder recorder = new Recorder();

    client.newWebSocket(new Request.Builder().url(url).build(), recorder);

    assertThat(recorder.closings.poll(5, TimeUnit.SECONDS)).startsWith("failure:");
    assertThat(recorder.opened).isEmpty();
  }
}
