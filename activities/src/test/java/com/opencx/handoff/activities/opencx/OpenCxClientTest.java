package com.opencx.handoff.activities.opencx;

import static com.opencx.handoff.activities.opencx.TestSupport.assertAuthorised;
import static com.opencx.handoff.activities.opencx.TestSupport.failure;
import static com.opencx.handoff.activities.opencx.TestSupport.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.activities.media.MediaSource.MediaStream;
import com.opencx.handoff.workflows.activities.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.io.InputStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OpenCxClientTest {

  @StartStop private final MockWebServer server = new MockWebServer();

  @Test
  void streamsMediaWithTypeLengthAndBytes() throws Exception {
    byte[] bytes = new byte[70_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "image/jpeg")
            .body(new Buffer().write(bytes))
            .build());

    try (MediaStream media = TestSupport.client(server).open("sess-1", "media 1/a")) {
      assertThat(media.contentType()).isEqualTo("image/jpeg");
      assertThat(media.contentLength()).isEqualTo(bytes.length);
      try (InputStream in = media.body()) {
        assertThat(in.readAllBytes()).isEqualTo(bytes);
      }
    }

    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("GET");
    assertThat(recorded.getTarget()).isEqualTo("/v1/sessions/sess-1/media/media%201%2Fa");
    assertAuthorised(recorded);
    assertThat(recorded.getHeaders().get("Accept-Encoding")).isEqualTo("identity");
  }

  @Test
  void chunkedMediaHasUnknownLength() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "audio/ogg")
            .chunkedBody("voice-note", 4)
            .build());

    try (MediaStream media = TestSupport.client(server).open("sess-1", "m-2")) {
      assertThat(media.contentType()).isEqualTo("audio/ogg");
      assertThat(media.contentLength()).isEqualTo(-1);
      assertThat(new String(media.body().readAllBytes())).isEqualTo("voice-note");
    }
  }

  @Test
  void missingMediaIsARejectedCallNamingTheRoute() {
    server.enqueue(status(404));

    ApplicationFailure failure = failure(() -> TestSupport.client(server).open("sess-1", "m-3"));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_REJECTED_CALL);
    assertThat(failure.getDetails().get(Integer.class)).isEqualTo(404);
    assertThat(failure.getOriginalMessage())
        .contains("404")
        .contains("GET /v1/sessions/{id}/media/{mediaId}");
  }

  @Test
  void throttledMediaTakesAnHttpDateRetryAfter() {
    String in30s =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", in30s).build());

    ApplicationFailure failure = failure(() -> TestSupport.client(server).open("sess-1", "m-4"));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_THROTTLED);
    assertThat(failure.getNextRetryDelay())
        .isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31));
  }

  @Test
  void aReadTimeoutIsRetryableUnavailable() {
    server.enqueue(status(200).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());

    ApplicationFailure failure = failure(() -> TestSupport.client(server).getSession("sess-1"));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("GET /v1/sessions/{id}");
  }

  @Test
  void aRefusedConnectionIsRetryableUnavailable() {
    OpenCxClient client = TestSupport.client(server);
    server.close();

    ApplicationFailure failure = failure(() -> client.handoffFailed("sess-1", "r", "wf"));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_UNAVAILABLE);
    assertThat(failure.getOriginalMessage()).contains("POST /v1/sessions/{id}/handoff-failed");
  }

  @Test
  void redirectsAreNotFollowedWithTheKey() {
    server.enqueue(
        new MockResponse.Builder()
            .code(302)
            .setHeader("Location", "http://elsewhere.example/v1/sessions/sess-1")
            .build());

    ApplicationFailure failure = failure(() -> TestSupport.client(server).getSession("sess-1"));

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_REJECTED_CALL);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
