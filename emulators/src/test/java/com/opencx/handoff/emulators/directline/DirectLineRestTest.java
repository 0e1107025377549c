package com.opencx.handoff.emulators.directline;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.emulators.TestHttp;
import com.opencx.handoff.emulators.http.Fault;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class DirectLineRestTest extends DirectLineTestSupport {

  @Test
  void startAnswers201WithTokenAndStreamUrlAndReconnectAnswersTheSame() throws Exception {
    Map<String, Object> started = startConversation();
    String id = (String) started.get("conversationId");

    assertThat(started).containsKeys("token", "expires_in");
    assertThat((String) started.get("streamUrl"))
        .startsWith(directLine.streamBaseUrl() + "/v3/directline/conversations/" + id + "/stream?")
        .contains("t=" + started.get("token"));
    TestHttp.Result reconnect = http.get("/v3/directline/conversations/" + id + "?watermark=3");
    assertThat(reconnect.status()).isEqualTo(200);
    assertThat(reconnect.json()).containsEntry("conversationId", id);
    assertThat((String) reconnect.json().get("streamUrl")).contains("watermark=3&t=");
  }

  @Test
  void missingCredentialIs401AndUnknownSecretIs403() throws Exception {
    TestHttp.Result missing =
        new TestHttp(directLine.baseUrl(), null).send("POST", "/v3/directline/conversations", null);
    TestHttp.Result wrong =
        new TestHttp(directLine.baseUrl(), "nope")
            .send("POST", "/v3/directline/conversations", null);

    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.errorCode()).isEqualTo("BadArgument");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.errorMessage()).isEqualTo("Invalid token or secret");
  }

  @Test
  void generatingATokenStartsNothingUntilTheTokenStartsItsConversationOnce() throws Exception {
    TestHttp.Result generated = http.send("POST", "/v3/directline/tokens/generate", null);
    TestHttp.Result wrong =
        new TestHttp(directLine.baseUrl(), "nope")
            .send("POST", "/v3/directline/tokens/generate", null);

    assertThat(generated.status()).isEqualTo(200);
    assertThat(generated.json())
        .containsKeys("conversationId", "token")
        .containsEntry("expires_in", 1800);
    assertThat(wrong.status()).isEqualTo(403);
    String reserved = (String) generated.json().get("conversationId");
    assertThat(directLine.hasConversation(reserved)).isFalse();

    TestHttp withToken = new TestHttp(directLine.baseUrl(), (String) generated.json().get("token"));
    TestHttp.Result first = withToken.send("POST", "/v3/directline/conversations", null);
    TestHttp.Result again = withToken.send("POST", "/v3/directline/conversations", null);
    TestHttp.Result another = withToken.send("POST", "/v3/directline/tokens/generate", null);

    assertThat(first.status()).isEqualTo(201);
    assertThat(first.json().get("conversationId")).isEqualTo(reserved);
    assertThat(again.status()).isEqualTo(200);
    assertThat(another.status()).isEqualTo(403);
    assertThat(directLine.hasConversation(reserved)).isTrue();
  }

  @Test
  void aConversationIsReachableWithItsTokenButNotWithAnotherChannelsSecret() throws Exception {
    Map<String, Object> started = startConversation();
    String path = "/v3/directline/conversations/" + started.get("conversationId") + "/activities";

    assertThat(new TestHttp(directLine.baseUrl(), (String) started.get("token")).get(path).status())
        .isEqualTo(200);
    assertThat(new TestHttp(directLine.baseUrl(), OTHER_SECRET).get(path).status()).isEqualTo(404);
  }

  @Test
  void anActivityNeedsTypeAndFromId() throws Exception {
    String id = (String) startConversation().get("conversationId");

    TestHttp.Result noFromId = post(id, Map.of("type", "message", "from", Map.of(), "text", "x"));
    TestHttp.Result noType = post(id, Map.of("from", Map.of("id", "u"), "text", "x"));

    assertThat(noFromId.status()).isEqualTo(400);
    assertThat(noFromId.errorCode()).isEqualTo("MissingProperty");
    assertThat(noFromId.errorMessage()).contains("from.id");
    assertThat(noType.status()).isEqualTo(400);
    assertThat(noType.errorMessage()).contains("'type'");
    assertThat(activities(http.get("/v3/directline/conversations/" + id + "/activities")))
        .isEmpty();
  }

  @Test
  void anUnknownConversationIs404() throws Exception {
    TestHttp.Result result = post("no-such-conversation", message("hi"));

    assertThat(result.status()).isEqualTo(404);
    assertThat(result.errorMessage()).isEqualTo("Unknown conversation");
  }

  @Test
  void theLimitIs28KibOfTheActivityAsStored() throws Exception {
    String id = (String) startConversation().get("conversationId");
    assertThat(post(id, message("")).status()).isEqualTo(200);
    Map<String, Object> stored =
        activities(http.get("/v3/directline/conversations/" + id + "/activities")).get(0);
    int overhead = TestHttp.json(stored).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    int room = 28 * 1024 - overhead;

    TestHttp.Result atLimit = post(id, message("a".repeat(room)));
    TestHttp.Result overLimit = post(id, message("a".repeat(room + 1)));

    assertThat(atLimit.status()).isEqualTo(200);
    assertThat(overLimit.status()).isEqualTo(413);
    assertThat(overLimit.errorCode()).isEqualTo("MessageSizeTooBig");
    assertThat(directLine.activities(id)).hasSize(2);
  }

  @Test
  void watermarkPagesThroughEveryActivityIncludingTheClientsOwn() throws Exception {
    String id = (String) startConversation().get("conversationId");
    directLine.setPageSize(2);
    for (int i = 1; i <= 3; i++) {
      post(id, message("m" + i));
    }
    directLine.repReply(id, "hello from the rep");

    List<Object> texts = new java.util.ArrayList<>();
    String watermark = "";
    for (int page = 0; page < 5; page++) {
      TestHttp.Result result =
          http.get("/v3/directline/conversations/" + id + "/activities?watermark=" + watermark);
      List<Map<String, Object>> activities = activities(result);
      watermark = (String) result.json().get("watermark");
      if (activities.isEmpty()) {
        break;
      }
      assertThat(activities).hasSizeLessThanOrEqualTo(2);
      activities.forEach(a -> texts.add(a.get("text")));
    }

    assertThat(texts).containsExactly("m1", "m2", "m3", "hello from the rep");
    assertThat(watermark).isEqualTo("4");
  }

  @Test
  void theSameBodyPostedTwiceIsTwoActivitiesWithChannelDataKeptVerbatim() throws Exception {
    String id = (String) startConversation().get("conversationId");
    Map<String, Object> activity = new LinkedHashMap<>(message("same"));
    activity.put("channelData", Map.of("clientActivityId", "op-1", "nested", List.of(1, "x")));

    String first = (String) post(id, activity).json().get("id");
    String second = (String) post(id, activity).json().get("id");

    assertThat(first).isEqualTo(id + "|0000001");
    assertThat(second).isEqualTo(id + "|0000002");
    assertThat(directLine.activities(id))
        .extracting(a -> a.get("channelData"))
        .containsOnly(Map.of("clientActivityId", "op-1", "nested", List.of(1, "x")));
  }

  @Test
  void anAmbiguous502LeavesTheActivityStored() throws Exception {
    String id = (String) startConversation().get("conversationId");
    directLine.injectFault(
        Fault.statusAfterCommit("POST", "/activities", 502, 1)
            .withError("BotError", "Failed to send activity: bot timed out"));

    TestHttp.Result result = post(id, message("did it arrive?"));

    assertThat(result.status()).isEqualTo(502);
    assertThat(result.errorCode()).isEqualTo("BotError");
    assertThat(directLine.activities(id)).extracting(a -> a.get("text")).contains("did it arrive?");
  }

  @Test
  void aDroppedConnectionAfterTheWriteLeavesTheActivityStored() throws Exception {
    String id = (String) startConversation().get("conversationId");
    directLine.injectFault(Fault.dropAfterCommit("POST", "/activities", 1));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> post(id, message("lost answer")))
        .isInstanceOf(java.io.IOException.class);

    assertThat(directLine.activities(id)).extracting(a -> a.get("text")).contains("lost answer");
  }

  @Test
  void faultsThrottleAndFailOnDemandAndRequestsAreCounted() throws Exception {
    String id = (String) startConversation().get("conversationId");
    directLine.injectFault(Fault.throttle("POST", "/activities", 7, 1));
    directLine.injectFault(Fault.status("GET", "/activities", 500, 1));

    TestHttp.Result throttled = post(id, message("x"));
    TestHttp.Result failed = http.get("/v3/directline/conversations/" + id + "/activities");

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).isEqualTo("7");
    assertThat(failed.status()).isEqualTo(500);
    assertThat(directLine.activities(id)).isEmpty();
    assertThat(directLine.requestCount("POST", "/v3/directline/conversations/" + id)).isEqualTo(1);
    assertThat(directLine.requestCount("POST", "/v3/directline/conversations")).isEqualTo(2);
  }

  @Test
  void anUploadBecomesAMessageWithTheAttachmentServedBack() throws Exception {
    String id = (String) startConversation().get("conversationId");
    String body = "%PDF-1.4 pretend";

    TestHttp.Result uploaded =
        http.send(
            "POST",
            "/v3/directline/conversations/" + id + "/upload?userId=wa-1",
            body,
            "Content-Type",
            "application/pdf",
            "Content-Disposition",
            "name=\"file\"; filename=\"invoice.pdf\"");
    TestHttp.Result noUser =
        http.send(
            "POST",
            "/v3/directline/conversations/" + id + "/upload",
            body,
            "Content-Type",
            "application/pdf",
            "Content-Disposition",
            "name=\"file\"; filename=\"invoice.pdf\"");

    assertThat(uploaded.status()).isEqualTo(200);
    assertThat(noUser.status()).isEqualTo(400);
    Map<String, Object> activity = directLine.activities(id).get(0);
    assertThat(activity)
        .containsEntry("type", "message")
        .containsEntry("from", Map.of("id", "wa-1"));
    @SuppressWarnings("unchecked")
    Map<String, Object> attachment =
        ((List<Map<String, Object>>) activity.get("attachments")).get(0);
    assertThat(attachment)
        .containsEntry("contentType", "application/pdf")
        .containsEntry("name", "invoice.pdf");
    String url = (String) attachment.get("contentUrl");
    TestHttp.Result file = http.get(url.substring(directLine.baseUrl().length()));
    assertThat(file.body()).isEqualTo(body);
  }

  @Test
  void aMultipartUploadKeepsTheActivityPartsChannelDataBesideTheFiles() throws Exception {
    String id = (String) startConversation().get("conversationId");
    MultipartBody body =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addPart(
                Headers.of("Content-Disposition", "form-data; name=\"activity\""),
                RequestBody.create(
                    "{\"type\":\"message\",\"from\":{\"id\":\"wa-1\"},"
                        + "\"channelData\":{\"opencxMessageId\":\"s:media:m1\"}}",
                    MediaType.get("application/vnd.microsoft.activity")))
            .addFormDataPart(
                "file",
                "photo.jpg",
                RequestBody.create(new byte[] {1, 2, 3}, MediaType.get("image/jpeg")))
            .build();

    int status = upload(id, "wa-1", body);
    int otherUser = upload(id, "wa-2", body);
    int noFile =
        upload(
            id,
            "wa-1",
            new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("note", "just text")
                .build());

    assertThat(status).isEqualTo(200);
    assertThat(otherUser).isEqualTo(400);
    assertThat(noFile).isEqualTo(400);
    assertThat(directLine.activities(id)).hasSize(1);
    Map<String, Object> activity = directLine.activities(id).get(0);
    assertThat(activity)
        .containsEntry("from", Map.of("id", "wa-1"))
        .containsEntry("channelData", Map.of("opencxMessageId", "s:media:m1"));
    @SuppressWarnings("unchecked")
    Map<String, Object> attachment =
        ((List<Map<String, Object>>) activity.get("attachments")).get(0);
    assertThat(attachment)
        .containsEntry("contentType", "image/jpeg")
        .containsEntry("name", "photo.jpg");
  }

  private int upload(String conversationId, String userId, MultipartBody body) throws Exception {
    Request request =
        new Request.Builder()
            .url(
                directLine.baseUrl()
                    + "/v3/directline/conversations/"
                    + conversationId
                    + "/upload?userId="
                    + userId)
            .header("Authorization", "Bearer " + SECRET)
            .post(body)
            .build();
    try (Response response = new OkHttpClient().newCall(request).execute()) {
      return response.code();
    }
  }
}
