package com.opencx.handoff.activities.directline;

import static com.opencx.handoff.activities.directline.DirectLineTestSupport.SECRET;
import static com.opencx.handoff.activities.directline.DirectLineTestSupport.assertAuthorised;
import static com.opencx.handoff.activities.directline.DirectLineTestSupport.body;
import static com.opencx.handoff.activities.directline.DirectLineTestSupport.client;
import static com.opencx.handoff.activities.directline.DirectLineTestSupport.error;
import static com.opencx.handoff.activities.directline.DirectLineTestSupport.failure;
import static com.opencx.handoff.activities.directline.DirectLineTestSupport.json;
import static com.opencx.handoff.activities.directline.DirectLineTestSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencx.handoff.workflows.activities.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The Direct Line wire as directline.md states it: routes, the bearer secret, JSON, the watermark
 * rule, the single-file upload and its cap, and each status's failure type.
 */
class DirectLineClientTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @StartStop private final MockWebServer server = new MockWebServer();

  @Test
  void startsAConversationWithTheSecretAndNoBody() throws Exception {
    server.enqueue(
        json(
            201,
            "{\"conversationId\":\"c-1\",\"token\":\"t\",\"expires_in\":1800,"
                + "\"streamUrl\":\"wss://x/stream\"}"));

    DirectLineClient.Conversation conversation = client(server).startConversation(SECRET);

    assertThat(conversation.conversationId()).isEqualTo("c-1");
    assertThat(conversation.streamUrl()).isEqualTo("wss://x/stream");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/v3/directline/conversations");
    assertAuthorised(request);
    assertThat(request.getHeaders().get("Content-Length")).isEqualTo("0");
  }

  @Test
  void generatingATokenProvesTheSecretAndARefusedOneCarriesItsStatus() throws Exception {
    server.enqueue(json(200, "{\"conversationId\":\"c-9\",\"token\":\"t\",\"expires_in\":1800}"));
    server.enqueue(error(403, "BadArgument", "Invalid token or secret"));

    assertThat(client(server).generateToken(SECRET)).isEqualTo(1800);
    ApplicationFailure refused = failure(() -> client(server).generateToken(SECRET));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/v3/directline/tokens/generate");
    assertAuthorised(request);
    assertThat(refused.getType()).isEqualTo(FailureTypes.DIRECT_LINE_REJECTED);
    assertThat(refused.getDetails().get(Integer.class)).isEqualTo(403);
    assertThat(refused.getOriginalMessage()).doesNotContain(SECRET);
  }

  @Test
  void postsOneActivityAsJsonAndReturnsItsId() throws Exception {
    server.enqueue(json(200, "{\"id\":\"c-1|0001\"}"));
    JsonNode activity = parse("{\"type\":\"message\",\"from\":{\"id\":\"u\"},\"text\":\"hi\"}");

    String id = client(server).post(SECRET, "c/1", activity);

    assertThat(id).isEqualTo("c-1|0001");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/v3/directline/conversations/c%2F1/activities");
    assertAuthorised(request);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(body(request)).isEqualTo(activity);
  }

  @Test
  void aPostAnswered204HasNoId() {
    server.enqueue(new MockResponse.Builder().code(204).build());
    assertThat(client(server).post(SECRET, "c-1", parse0())).isNull();
  }

  @Test
  void readsActivitiesWithTheWatermarkAndKeepsItWhenTheAnswerHasNone() throws Exception {
    server.enqueue(json(200, "{\"activities\":[{\"id\":\"c-1|0000\"}],\"watermark\":\"0\"}"));
    server.enqueue(json(200, "{\"activities\":[]}"));
    DirectLineClient client = client(server);

    DirectLineClient.ActivityPage first = client.activities(SECRET, "c-1", null);
    DirectLineClient.ActivityPage second = client.activities(SECRET, "c-1", first.watermark());

    assertThat(first.activities())
        .extracting(a -> a.path("id").asText())
        .containsExactly("c-1|0000");
    assertThat(first.watermark()).isEqualTo("0");
    assertThat(second.activities()).isEmpty();
    assertThat(second.watermark()).isEqualTo("0");
    RecordedRequest one = server.takeRequest();
    assertThat(one.getMethod()).isEqualTo("GET");
    assertThat(one.getTarget()).isEqualTo("/v3/directline/conversations/c-1/activities");
    assertAuthorised(one);
    assertThat(server.takeRequest().getTarget())
        .isEqualTo("/v3/directline/conversations/c-1/activities?watermark=0");
  }

  @Test
  void uploadsOneFileInTheMultipartFormWithTheActivityAsTemplate() throws Exception {
    server.enqueue(json(200, "{\"id\":\"c-1|0002\"}"));
    byte[] bytes = {1, 2, 3, 4};
    ObjectNode activity = MAPPER.createObjectNode().put("type", "message");
    activity.putObject("from").put("id", "opencx-u 1");
    activity.putObject("channelData").put("opencxMessageId", "s-1:media:m-1");

    String id =
        client(server)
            .upload(
                SECRET,
                "c-1",
                activity,
                new DirectLineClient.Upload(bytes, "image/png", "shot \"1\".png"));

    assertThat(id).isEqualTo("c-1|0002");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget())
        .isEqualTo("/v3/directline/conversations/c-1/upload?userId=opencx-u%201");
    assertAuthorised(request);
    MediaType type = MediaType.get(request.getHeaders().get("Content-Type"));
    assertThat(type.type() + "/" + type.subtype()).isEqualTo("multipart/form-data");
    try (MultipartReader parts =
        new MultipartReader(
            new Buffer().write(request.getBody().toByteArray()), type.parameter("boundary"))) {
      MultipartReader.Part template = parts.nextPart();
      assertThat(template.headers().get("Content-Type"))
          .isEqualTo("application/vnd.microsoft.activity");
      assertThat(MAPPER.readTree(template.body().readUtf8())).isEqualTo(activity);
      MultipartReader.Part file = parts.nextPart();
      assertThat(file.headers().get("Content-Disposition"))
          .isEqualTo("form-data; name=\"file\"; filename=\"shot _1_.png\"");
      assertThat(file.headers().get("Content-Type")).isEqualTo("image/png");
      assertThat(file.body().readByteArray()).isEqualTo(bytes);
      assertThat(parts.nextPart()).isNull();
    }
  }

  @Test
  void anUploadOverTheCapIsRefusedBeforeSending() {
    byte[] big = new byte[DirectLineClient.MAX_UPLOAD_BYTES + 1];
    ObjectNode activity = MAPPER.createObjectNode().put("type", "message");
    activity.putObject("from").put("id", "u");

    ApplicationFailure failure =
        failure(
            () ->
                client(server)
                    .upload(
                        SECRET,
                        "c-1",
                        activity,
                        new DirectLineClient.Upload(big, "video/mp4", "v.mp4")));

    assertThat(failure.getType()).isEqualTo(FailureTypes.DIRECT_LINE_REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void throttlingCarriesRetryAfterAsTheNextDelay() {
    server.enqueue(
        error(429, "TooManyRequests", "slow down")
            .newBuilder()
            .setHeader("Retry-After", "7")
            .build());

    ApplicationFailure failure = failure(() -> client(server).post(SECRET, "c-1", parse0()));

    assertThat(failure.getType()).isEqualTo(FailureTypes.DIRECT_LINE_THROTTLED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void refusalsAreRejectedNonRetryableWithTheCodeAndAMaskedMessage() {
    for (int status : new int[] {400, 401, 403, 404, 413}) {
      server.enqueue(
          error(status, "BadArgument", "bad activity from jane.doe@example.com, +44 7700 900123"));

      ApplicationFailure failure = failure(() -> client(server).post(SECRET, "c-1", parse0()));

      assertThat(failure.getType()).isEqualTo(FailureTypes.DIRECT_LINE_REJECTED);
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getDetails().get(Integer.class)).isEqualTo(status);
      assertThat(failure.getOriginalMessage())
          .contains(
              "HTTP " + status, "BadArgument", "[email]", "[phone]", DirectLineClient.POST_ACTIVITY)
          .doesNotContain("jane.doe", "7700", SECRET);
    }
  }

  @Test
  void serverErrorsAndUnreachableAreRetryableUnavailable() {
    server.enqueue(error(502, "BotError", "bot timed out"));
    ApplicationFailure bad = failure(() -> client(server).post(SECRET, "c-1", parse0()));
    assertThat(bad.getType()).isEqualTo(FailureTypes.DIRECT_LINE_UNAVAILABLE);
    assertThat(bad.isNonRetryable()).isFalse();

    DirectLineClient client = client(server);
    server.close();
    ApplicationFailure down = failure(() -> client.activities(SECRET, "c-1", null));
    assertThat(down.getType()).isEqualTo(FailureTypes.DIRECT_LINE_UNAVAILABLE);
  }

  @Test
  void redirectsAreNotFollowedWithTheSecret() {
    server.enqueue(
        new MockResponse.Builder()
            .code(307)
            .setHeader("Location", "http://elsewhere.example/")
            .build());

    ApplicationFailure failure = failure(() -> client(server).startConversation(SECRET));

    assertThat(failure.getType()).isEqualTo(FailureTypes.DIRECT_LINE_REJECTED);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void baseUrlMustBeHttpsOrLoopbackHttpWithoutAPath() {
    assertThat(DirectLineSettings.of("https://Europe.DirectLine.botframework.com").baseUrl())
        .isEqualTo("https://europe.directline.botframework.com");
    assertThat(DirectLineSettings.of("http://127.0.0.1:18500").baseUrl())
        .isEqualTo("http://127.0.0.1:18500");
    for (String bad :
        new String[] {
          "", "http://directline.botframework.com", "https://directline.botframework.com/",
          "https://directline.botframework.com/v3/directline", "https://x.example?q=1", "ftp://x"
        }) {
      assertThatThrownBy(() -> DirectLineSettings.of(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("directline.base-url");
    }
  }

  private static JsonNode parse0() {
    return DirectLineTestSupport.JSON.createObjectNode().put("type", "message");
  }
}
