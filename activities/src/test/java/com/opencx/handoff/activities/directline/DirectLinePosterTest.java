package com.opencx.handoff.activities.directline;

import static com.opencx.handoff.activities.directline.DirectLineTestSupport.SECRET;
import static com.opencx.handoff.activities.directline.DirectLineTestSupport.body;
import static com.opencx.handoff.activities.directline.DirectLineTestSupport.client;
import static com.opencx.handoff.activities.directline.DirectLineTestSupport.error;
import static com.opencx.handoff.activities.directline.DirectLineTestSupport.failure;
import static com.opencx.handoff.activities.directline.DirectLineTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencx.handoff.workflows.activities.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once posting (directline.md §3: no dedupe): after an ambiguous failure, and on a retry,
 * the conversation is read back and an activity of ours carrying our id is returned instead of
 * posting again; non-ambiguous failures are thrown without a read-back or a second post.
 */
class DirectLinePosterTest {

  private static final String CONVERSATION = "c-1";
  private static final String OUR_ID = "msg-42";

  @StartStop private final MockWebServer server = new MockWebServer();

  private final ObjectNode activity =
      ActivityBuilder.later("sess-1", "Jane Doe", OUR_ID, "hello").get(0);
  private final String from = ActivityBuilder.fromId("sess-1");

  private DirectLinePoster poster() {
    return new DirectLinePoster(client(server));
  }

  /** A GET page holding {@code activities} (JSON objects) and {@code watermark}. */
  private static String page(String watermark, String... activities) {
    return "{\"activities\":["
        + String.join(",", activities)
        + "],\"watermark\":\""
        + watermark
        + "\"}";
  }

  private String ours(String id, String ourId) {
    return "{\"type\":\"message\",\"id\":\""
        + id
        + "\",\"from\":{\"id\":\""
        + from
        + "\"},\"channelData\":{\""
        + ActivityBuilder.OUR_ID_KEY
        + "\":\""
        + ourId
        + "\"}}";
  }

  private static String agent(String id) {
    return "{\"type\":\"message\",\"id\":\""
        + id
        + "\",\"from\":{\"id\":\"bot-handle\"},"
        + "\"channelData\":{\""
        + ActivityBuilder.OUR_ID_KEY
        + "\":\""
        + OUR_ID
        + "\"}}";
  }

  private void assertPost(RecordedRequest request) throws Exception {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/v3/directline/conversations/c-1/activities");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET);
    JsonNode sent = body(request);
    assertThat(sent.path("channelData").path(ActivityBuilder.OUR_ID_KEY).asText())
        .isEqualTo(OUR_ID);
    assertThat(sent.path("from").path("id").asText()).isEqualTo(from);
  }

  private static void assertGet(RecordedRequest request, String target) {
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo(target);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET);
  }

  @Test
  void aFirstAttemptPostsOnceWithoutReadingBack() throws Exception {
    server.enqueue(json(200, "{\"id\":\"c-1|0001\"}"));

    String id = poster().postOnce(SECRET, CONVERSATION, OUR_ID, activity, false);

    assertThat(id).isEqualTo("c-1|0001");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertPost(server.takeRequest());
  }

  @Test
  void a502ThenTheReadBackFindsItSoThereIsNoSecondPost() throws Exception {
    server.enqueue(error(502, "BotError", "bot timed out"));
    server.enqueue(json(200, page("1", agent("c-1|0000"), ours("c-1|0001", OUR_ID))));

    String id = poster().postOnce(SECRET, CONVERSATION, OUR_ID, activity, false);

    assertThat(id).isEqualTo("c-1|0001");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertPost(server.takeRequest());
    assertGet(server.takeRequest(), "/v3/directline/conversations/c-1/activities");
  }

  @Test
  void aTimeoutThenNotFoundPostsAgainExactlyOnce() throws Exception {
    server.enqueue(
        json(200, "{\"id\":\"late\"}").newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
    // Two pages: someone else's and our other message, then the empty page that ends the read.
    server.enqueue(json(200, page("1", agent("c-1|0000"), ours("c-1|0001", "msg-41"))));
    server.enqueue(json(200, page("1")));
    server.enqueue(json(200, "{\"id\":\"c-1|0002\"}"));

    String id = poster().postOnce(SECRET, CONVERSATION, OUR_ID, activity, false);

    assertThat(id).isEqualTo("c-1|0002");
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertPost(server.takeRequest());
    assertGet(server.takeRequest(), "/v3/directline/conversations/c-1/activities");
    assertGet(server.takeRequest(), "/v3/directline/conversations/c-1/activities?watermark=1");
    assertPost(server.takeRequest());
  }

  @Test
  void aRetryAttemptReadsBackFirstAndFindsItOnALaterPage() throws Exception {
    server.enqueue(json(200, page("3", agent("c-1|0000"))));
    server.enqueue(json(200, page("5", ours("c-1|0004", OUR_ID))));

    String id = poster().postOnce(SECRET, CONVERSATION, OUR_ID, activity, true);

    assertThat(id).isEqualTo("c-1|0004");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertGet(server.takeRequest(), "/v3/directline/conversations/c-1/activities");
    assertGet(server.takeRequest(), "/v3/directline/conversations/c-1/activities?watermark=3");
  }

  @Test
  void outsideATemporalActivityTheShortFormReadsBackFirst() throws Exception {
    server.enqueue(json(200, page("0")));
    server.enqueue(json(200, "{\"id\":\"c-1|0001\"}"));

    assertThat(poster().postOnce(SECRET, CONVERSATION, OUR_ID, activity)).isEqualTo("c-1|0001");
    assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
    assertPost(server.takeRequest());
  }

  @Test
  void anActivityFromSomeoneElseWithOurIdDoesNotCount() throws Exception {
    server.enqueue(json(200, page("1", agent("c-1|0000"))));
    server.enqueue(json(200, page("1")));
    server.enqueue(json(200, "{\"id\":\"c-1|0001\"}"));

    assertThat(poster().postOnce(SECRET, CONVERSATION, OUR_ID, activity, true))
        .isEqualTo("c-1|0001");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void throttlingIsThrownWithItsDelayAndNoReadBack() {
    server.enqueue(
        error(429, "TooManyRequests", "wait").newBuilder().setHeader("Retry-After", "12").build());

    ApplicationFailure failure =
        failure(() -> poster().postOnce(SECRET, CONVERSATION, OUR_ID, activity, false));

    assertThat(failure.getType()).isEqualTo(FailureTypes.DIRECT_LINE_THROTTLED);
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(12));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void a400IsRejectedWithAMaskedMessageAndNoReadBack() {
    server.enqueue(error(400, "MissingProperty", "channelData for +14155550123 / a@b.example"));

    ApplicationFailure failure =
        failure(() -> poster().postOnce(SECRET, CONVERSATION, OUR_ID, activity, false));

    assertThat(failure.getType()).isEqualTo(FailureTypes.DIRECT_LINE_REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("MissingProperty", "[phone]", "[email]")
        .doesNotContain("4155550123", "a@b.example");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aSecondAmbiguousFailureIsThrownRetryableForTheNextAttempt() {
    server.enqueue(error(504, "GatewayTimeout", "x"));
    server.enqueue(json(200, page("0")));
    server.enqueue(error(502, "BotError", "bot timed out"));

    ApplicationFailure failure =
        failure(() -> poster().postOnce(SECRET, CONVERSATION, OUR_ID, activity, false));

    assertThat(failure.getType()).isEqualTo(FailureTypes.DIRECT_LINE_UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(3);
  }
}
