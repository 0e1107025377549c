package com.opencx.handoff.starter;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Bodies that are JSON-ish but not what JSON or the API allows: each is refused naming the field
 * and the real rule, rather than "must be a JSON object" or a wrong-type message that misleads.
 */
class BadBodyTest extends ApiTestSupport {

  private String bodyWithSizeBytes(String sizeBytes) {
    return json(startBody(newSessionId("size")))
        .replace("\"mimeType\":", "\"sizeBytes\":" + sizeBytes + ",\"mimeType\":");
  }

  @Test
  void nanIsRefusedNamingTheField() {
    Reply reply = postRaw("/v1/handoffs", OPENCX_TOKEN, bodyWithSizeBytes("NaN"));

    assertViolation(reply, "media[0].sizeBytes", "NaN");
  }

  @Test
  void anOverflowingNumberIsRefusedNamingTheField() {
    Reply reply =
        postRaw("/v1/handoffs", OPENCX_TOKEN, bodyWithSizeBytes("99999999999999999999999"));

    assertViolation(reply, "media[0].sizeBytes", "out of range");
  }

  @Test
  void invalidUtf8IsRefusedNamingTheField() {
    String[] halves = json(startBody(newSessionId("utf8"))).split("\"summary\":\"", 2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes((halves[0] + "\"summary\":\"").getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
    bytes.writeBytes(halves[1].getBytes(StandardCharsets.UTF_8));

    Reply reply =
        send("POST", "/v1/handoffs", OPENCX_TOKEN, BodyPublishers.ofByteArray(bytes.toByteArray()));

    assertViolation(reply, "summary", "UTF-8");
  }

  @Test
  void aNullMediaItemIsRefusedNamingItsIndex() {
    String body =
        json(startBody(newSessionId("nullitem"))).replace("\"media\":[", "\"media\":[null,");

    Reply reply = postRaw("/v1/handoffs", OPENCX_TOKEN, body);

    assertViolation(reply, "media[0]", "must not be null");
  }
}
