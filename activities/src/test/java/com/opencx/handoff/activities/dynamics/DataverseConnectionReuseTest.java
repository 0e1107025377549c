package com.opencx.handoff.activities.dynamics;

import static com.opencx.handoff.activities.dynamics.DataverseTestServer.json;
import static com.opencx.handoff.activities.dynamics.DataverseTestServer.noContent;
import static com.opencx.handoff.activities.dynamics.DataverseTestServer.take;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A keep-alive connection the server closed while it sat in the pool (Azure's front ends close idle
 * ones) must not become a failed call: requests that are safe to send again go out on a fresh
 * connection; an action that is not safe to replay fails retryably instead of being resent.
 */
class DataverseConnectionReuseTest {

  @StartStop private final MockWebServer server = new MockWebServer();

  private DataverseClient client;

  @BeforeEach
  void setUp() {
    client = new DataverseClient(DataverseTestServer.settings(server), new CountingTokens());
  }

  /** {@code answer}, after which the server closes the connection the client keeps pooled. */
  private static MockResponse thenCloseTheConnection(MockResponse answer) {
    return answer.newBuilder().onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build();
  }

  @Test
  void aGetOnAPooledConnectionTheServerClosedGoesOutOnAFreshOne() throws Exception {
    server.enqueue(thenCloseTheConnection(json(200, "{\"UserId\":\"u-1\"}")));
    server.enqueue(json(200, "{\"UserId\":\"u-2\"}"));

    client.get("WhoAmI", Map.of());
    var second = client.get("WhoAmI", Map.of());

    assertThat(second.path("UserId").asText()).isEqualTo("u-2");
    assertFreshConnectionForTheSecondRequest();
    assertThat(client.requestCountsByStatus()).containsOnlyKeys("200");
  }

  @Test
  void conditionalWritesAndABatchOfPatchesGoOutOnAFreshConnection() throws Exception {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("subject", "x");
    server.enqueue(thenCloseTheConnection(noContent()));
    server.enqueue(thenCloseTheConnection(noContent()));
    server.enqueue(thenCloseTheConnection(BatchFormat.answered(1, "204 No Content")));
    server.enqueue(noContent());

    assertThat(client.createIfAbsent("annotations", "a-1", body)).isTrue();
    assertThat(client.updateIfPresent("annotations", "a-1", body)).isTrue();
    List<ODataBatch.PartResponse> parts =
        client.changeSet(
            "seed",
            List.of(
                new ODataBatch.Part(
                    client.url("annotations(a-2)").toString(),
                    "*",
                    "{}".getBytes(StandardCharsets.UTF_8))));
    assertThat(client.createIfAbsent("annotations", "a-3", body)).isTrue();

    assertThat(parts).singleElement().satisfies(p -> assertThat(p.ok()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(client.requestCountsByStatus()).doesNotContainKey("io_error");
  }

  @Test
  void anActionIsNotReplayedOnADeadConnectionButFailsRetryably() throws Exception {
    // Replaying a Commit whose answer was lost would spend its FileContinuationToken twice.
    server.enqueue(thenCloseTheConnection(json(200, "{}")));
    server.enqueue(json(200, "{\"AnnotationId\":\"n-1\"}"));

    client.post("InitializeAnnotationBlocksUpload", JsonNodeFactory.instance.objectNode());
    DataverseClientTest.assertFailure(
        () -> client.post("CommitAnnotationBlocksUpload", JsonNodeFactory.instance.objectNode()),
        f -> {
          assertThat(f.getType()).isEqualTo("DataverseUnavailable");
          assertThat(f.isNonRetryable()).isFalse();
        });

    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  private void assertFreshConnectionForTheSecondRequest() throws InterruptedException {
    RecordedRequest first = take(server);
    RecordedRequest second = take(server);
    assertThat(second.getConnectionIndex()).isNotEqualTo(first.getConnectionIndex());
  }
}
