package com.opencx.handoff.activities.dynamics;

import static com.opencx.handoff.activities.dynamics.DataverseTestServer.JSON;
import static com.opencx.handoff.activities.dynamics.DataverseTestServer.noContent;
import static com.opencx.handoff.activities.dynamics.DataverseTestServer.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * A file column encoded into the request body as it is sent ({@link Base64Field}), against a local
 * server: the bytes that arrive are the JSON with exactly the file's first {@code length} bytes in
 * Base64 (whatever else the reused buffer holds), the request carries a {@code Content-Length}
 * equal to what was sent rather than being chunked, and a resend after a 401 sends the same body
 * again.
 */
class Base64FieldTest {

  @StartStop private final MockWebServer server = new MockWebServer();

  @Test
  void aBlockArrivesAsItsExactBase64WithAContentLengthEqualToTheBodySent() throws Exception {
    for (int length : new int[] {1_000_000, 1_000_001, 1_000_002}) { // remainders 1, 2, 0 of 3
      byte[] buffer = random(length + 4096, length); // a reused buffer, longer than the block
      server.enqueue(noContent());
      ObjectNode parameters = JSON.createObjectNode();
      parameters.put("BlockId", "YmxvY2stMDAwMDAx");
      parameters.put("FileContinuationToken", "tok-\"quoted\"");

      client().post("UploadBlock", parameters, new Base64Field("BlockData", buffer, length));

      RecordedRequest request = take(server);
      long sent = request.getBodySize();
      assertThat(request.getHeaders().get("Content-Length")).isEqualTo(Long.toString(sent));
      assertThat(request.getHeaders().get("Transfer-Encoding")).isNull();
      assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
      JsonNode body = JSON.readTree(request.getBody().utf8());
      assertThat(body.path("BlockId").asText()).isEqualTo("YmxvY2stMDAwMDAx");
      assertThat(body.path("FileContinuationToken").asText()).isEqualTo("tok-\"quoted\"");
      String encoded = body.path("BlockData").asText();
      assertThat(encoded).hasSize((length + 2) / 3 * 4);
      assertThat(Base64.getDecoder().decode(encoded)).isEqualTo(Arrays.copyOf(buffer, length));
      assertThat(body.size()).isEqualTo(3);
    }
  }

  @Test
  void aColumnAloneAndAnEmptyFileAreStillOneValidObject() throws Exception {
    server.enqueue(noContent());
    server.enqueue(noContent());
    DataverseClient client = client();

    client.post(
        "UploadBlock", JSON.createObjectNode(), new Base64Field("BlockData", new byte[3], 0));
    client.createIfAbsent(
        "annotations",
        "0b7e2d4c-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
        JSON.createObjectNode().put("subject", "s"),
        new Base64Field("documentbody", new byte[] {1, 2}, 2));

    RecordedRequest alone = take(server);
    assertThat(alone.getBody().utf8()).isEqualTo("{\"BlockData\":\"\"}");
    assertThat(alone.getHeaders().get("Content-Length")).isEqualTo("16");
    RecordedRequest patch = take(server);
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getHeaders().get("If-None-Match")).isEqualTo("*");
    assertThat(patch.getBody().utf8()).isEqualTo("{\"subject\":\"s\",\"documentbody\":\"AQI=\"}");
  }

  @Test
  void aResendAfterA401SendsTheSameBodyAgain() throws Exception {
    byte[] block = random(300_001, 300_001);
    server.enqueue(new MockResponse.Builder().code(401).build());
    server.enqueue(noContent());

    client()
        .post("UploadBlock", JSON.createObjectNode(), new Base64Field("BlockData", block, 300_001));

    RecordedRequest first = take(server);
    RecordedRequest again = take(server);
    assertThat(again.getBody()).isEqualTo(first.getBody());
    assertThat(again.getBodySize()).isEqualTo(first.getBodySize());
  }

  @Test
  void otherColumnsMustBeAnObjectWithoutTheFileColumn() {
    DataverseClient client = client();
    ObjectNode clash = JSON.createObjectNode().put("BlockData", "x");

    assertThatThrownBy(
            () -> client.post("UploadBlock", clash, new Base64Field("BlockData", new byte[1], 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Base64Field("BlockData", new byte[1], 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  private DataverseClient client() {
    return new DataverseClient(
        DataverseTestServer.settings(server), new StaticTokenProvider("token-1"));
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
