package com.opencx.handoff.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The codec endpoint of SPEC §8 over real HTTP (see {@link ApiTestSupport}): Temporal's codec
 * server protocol round-trips payloads through whichever codec bean is injected ({@link
 * XorTestCodec} here), only ops tokens may call it, only the configured UI origin gets CORS, a
 * request for another namespace is refused, and every refusal (an undecodable payload, malformed
 * JSON, too many payloads) is a 400 problem detail that never repeats payload bytes.
 */
class CodecEndpointTest extends ApiTestSupport {

  private static final String EVIL_ORIGIN = "http://evil.example:8233";
  private static final String PHONE_JSON = "{\"phone\":\"+14155550100\"}";

  private HttpResponse<String> call(String method, String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return http.send(request.build(), BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
  }

  private HttpResponse<String> codec(String call, String body, String... headers) {
    String[] all = new String[headers.length + 4];
    all[0] = "Content-Type";
    all[1] = "application/json";
    all[2] = "Authorization";
    all[3] = "Bearer " + OPS_TOKEN;
    System.arraycopy(headers, 0, all, 4, headers.length);
    return call("POST", "/codec/" + call, body, all);
  }

  private static Payload payload(String encoding, String data) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8(encoding))
        .setData(ByteString.copyFromUtf8(data))
        .build();
  }

  private static String json(Payloads payloads) throws IOException {
    return JsonFormat.printer().print(payloads);
  }

  private static Payloads payloads(HttpResponse<String> reply) throws IOException {
    assertThat(reply.statusCode()).as("%s", reply.body()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    Payloads.Builder parsed = Payloads.newBuilder();
    JsonFormat.parser().merge(reply.body(), parsed);
    return parsed.build();
  }

  private static JsonNode refusal(HttpResponse<String> reply, int status, String error)
      throws IOException {
    return assertProblem(
        reply.statusCode(),
        reply.headers().firstValue("Content-Type").orElse(""),
        JSON.readTree(reply.body()),
        status,
        error);
  }

  @Test
  void encodeThenDecodeRoundTripsThroughTheInjectedCodec() throws IOException {
    Payloads plain =
        Payloads.newBuilder()
            .addPayloads(
                payload("json/plain", PHONE_JSON).toBuilder()
                    .putMetadata("messageType", ByteString.copyFromUtf8("Start")))
            .addPayloads(payload("binary/null", ""))
            .build();

    Payloads encoded = payloads(codec("encode", json(plain)));

    assertThat(encoded.getPayloadsList()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      Payload p = encoded.getPayloads(i);
      assertThat(p.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo(XorTestCodec.ENCODING);
      assertThat(p.getData()).isEqualTo(XorTestCodec.xor(plain.getPayloads(i).getData()));
    }
    assertThat(encoded.getPayloads(0).getData().toStringUtf8()).doesNotContain("+1415");

    Payloads decoded = payloads(codec("decode", json(encoded), "X-Namespace", "default"));

    assertThat(decoded).isEqualTo(plain);
  }

  @Test
  void onlyOpsTokensMayCallTheCodec() throws IOException {
    String body = json(Payloads.newBuilder().addPayloads(payload("json/plain", "1")).build());
    String type = "application/json";

    refusal(call("POST", "/codec/decode", body, "Content-Type", type), 401, "unauthorized");
    refusal(
        call("POST", "/codec/decode", body, "Content-Type", type, "Authorization", "Bearer nope"),
        401,
        "unauthorized");
    JsonNode opencx =
        refusal(
            call(
                "POST",
                "/codec/encode",
                body,
                "Content-Type",
                type,
                "Authorization",
                "Bearer " + OPENCX_TOKEN),
            403,
            "forbidden");
    assertThat(opencx.path("message").asText()).contains("ops tokens");
    assertThat(payloads(codec("encode", body)).getPayloadsCount()).isEqualTo(1);
  }

  private HttpResponse<String> preflight(String origin, String requestHeaders) {
    return call(
        "OPTIONS",
        "/codec/decode",
        null,
        "Origin",
        origin,
        "Access-Control-Request-Method",
        "POST",
        "Access-Control-Request-Headers",
        requestHeaders);
  }

  @Test
  void aPreflightFromTheUiOriginIsAnsweredWithoutAToken() {
    HttpResponse<String> reply = preflight(UI_ORIGIN, "content-type,authorization,x-namespace");

    assertThat(reply.statusCode()).as("%s", reply.body()).isEqualTo(200);
    var headers = reply.headers();
    assertThat(headers.firstValue("Access-Control-Allow-Origin")).hasValue(UI_ORIGIN);
    assertThat(headers.firstValue("Access-Control-Allow-Credentials")).hasValue("true");
    assertThat(headers.firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("POST")
        .doesNotContain("GET");
    assertThat(headers.firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("content-type", "authorization", "x-namespace");

    HttpResponse<String> post =
        codec("decode", "{\"payloads\":[]}", "Origin", UI_ORIGIN, "X-Namespace", "default");
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).hasValue(UI_ORIGIN);
  }

  @Test
  void anotherOriginOrAnotherHeaderGetsNoCors() throws IOException {
    HttpResponse<String> evil = preflight(EVIL_ORIGIN, "content-type,authorization");
    refusal(evil, 403, "forbidden");
    assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    // Spring (6.2) answers a preflight asking for a header it does not allow with the allowed ones
    // only; the browser then refuses to send the request.
    HttpResponse<String> extraHeader = preflight(UI_ORIGIN, "content-type,x-forwarded-user");
    assertThat(extraHeader.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
        .doesNotContainIgnoringCase("x-forwarded-user");

    HttpResponse<String> post = codec("decode", "{\"payloads\":[]}", "Origin", EVIL_ORIGIN);
    refusal(post, 403, "forbidden");
    assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void aRequestForAnotherNamespaceIsRefused() throws IOException {
    JsonNode body =
        refusal(
            codec("decode", "{\"payloads\":[]}", "X-Namespace", "payments"),
            403,
            "wrong_namespace");
    assertThat(body.path("message").asText()).contains("default", "payments");

    assertThat(payloads(codec("decode", "{\"payloads\":[]}")).getPayloadsCount()).isZero();
  }

  @Test
  void anUndecodablePayloadIsRefusedNamingItsIndexNeverItsBytes() throws IOException {
    Payload good = new XorTestCodec().encode(java.util.List.of(payload("json/plain", "1"))).get(0);
    Payload tampered = payload(XorTestCodec.ENCODING, PHONE_JSON);
    Payload explodes =
        tampered.toBuilder().putMetadata(XorTestCodec.EXPLODE, ByteString.EMPTY).build();

    HttpResponse<String> reply =
        codec(
            "decode", json(Payloads.newBuilder().addPayloads(good).addPayloads(tampered).build()));
    JsonNode body = refusal(reply, 400, "undecodable_payload");
    assertThat(body.path("violations").get(0).path("field").asText()).isEqualTo("payloads[1]");
    assertThat(body.path("violations").get(0).path("rule").asText())
        .contains("not written by this codec");

    HttpResponse<String> careless =
        codec("decode", json(Payloads.newBuilder().addPayloads(explodes).build()));
    JsonNode unexpected = refusal(careless, 400, "undecodable_payload");
    assertThat(unexpected.path("violations").get(0).path("field").asText())
        .isEqualTo("payloads[0]");
    String base64 = Base64.getEncoder().encodeToString(PHONE_JSON.getBytes());
    assertThat(reply.body() + careless.body()).doesNotContain("+1415", base64, "phone");
  }

  @Test
  void aBodyThatIsNotPayloadsJsonIsRefused() throws IOException {
    for (String bad :
        new String[] {"{\"payloads\":[", "[]", "{\"payloads\":[{\"data\":\"+1415!!\"}]}", ""}) {
      HttpResponse<String> reply = codec("decode", bad);
      JsonNode body = refusal(reply, 400, "invalid_request");
      assertThat(body.path("violations").get(0).path("field").asText()).isEqualTo("body");
      assertThat(reply.body()).doesNotContain("+1415");
    }
    refusal(
        call(
            "POST",
            "/codec/decode",
            "{}",
            "Content-Type",
            "text/plain",
            "Authorization",
            "Bearer " + OPS_TOKEN),
        415,
        "unsupported_media_type");
  }

  @Test
  void tooManyPayloadsOrTooLargeABodyIsRefused() throws IOException {
    Payloads.Builder many = Payloads.newBuilder();
    for (int i = 0; i < 1001; i++) {
      many.addPayloads(payload("json/plain", "1"));
    }
    JsonNode body = refusal(codec("encode", json(many.build())), 400, "invalid_request");
    assertThat(body.path("violations").get(0).path("field").asText()).isEqualTo("payloads");

    String big = "{\"payloads\":[{\"data\":\"" + "A".repeat(1024 * 1024) + "\"}]}";
    refusal(codec("encode", big), 413, "body_too_large");
  }
}
