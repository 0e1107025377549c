package com.opencx.handoff.activities.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.activities.http.HttpClientMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * A 429 inside a {@code $batch} answer (the batch itself answers 200) counts as a throttle with its
 * part's {@code Retry-After}, like a 429 to a single request.
 */
class DataverseThrottleMetricsTest {

  @StartStop private final MockWebServer server = new MockWebServer();

  @Test
  void aThrottledPartOfABatchIsCountedWithItsRetryAfter() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "multipart/mixed; boundary=batchresponse_x")
            .body(
                "--batchresponse_x\r\n"
                    + "Content-Type: application/http\r\n"
                    + "Content-Transfer-Encoding: binary\r\n\r\n"
                    + "HTTP/1.1 429 Too Many Requests\r\n"
                    + "Retry-After: 12\r\n"
                    + "Content-Type: application/json\r\n\r\n"
                    + "{\"error\":{\"code\":\"0x80072322\",\"message\":\"slow down\"}}\r\n"
                    + "--batchresponse_x--\r\n")
            .build());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DataverseClient client =
        new DataverseClient(
            DataverseTestServer.settings(server), new StaticTokenProvider("token"), registry);

    List<ODataBatch.PartResponse> parts =
        client.changeSet(
            "seed",
            List.of(
                new ODataBatch.Part(
                    client.url("annotations(a-1)").toString(),
                    "*",
                    "{}".getBytes(StandardCharsets.UTF_8))));

    assertThat(parts).singleElement().satisfies(p -> assertThat(p.status()).isEqualTo(429));
    assertThat(
            registry.get(HttpClientMetrics.THROTTLED).tag("client", "dataverse").counter().count())
        .isEqualTo(1);
    assertThat(
            registry
                .get(HttpClientMetrics.RETRY_AFTER)
                .tag("client", "dataverse")
                .timer()
                .totalTime(TimeUnit.SECONDS))
        .isEqualTo(12);
  }
}
