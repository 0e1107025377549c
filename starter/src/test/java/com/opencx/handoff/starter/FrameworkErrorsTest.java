package com.opencx.handoff.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Refusals made by Spring MVC (unknown path, wrong method, wrong content type) and by Tomcat before
 * Spring sees the request (oversized headers, an encoded '/' in the path) answer as the API's
 * problem details, not Tomcat's HTML page or Spring's default ones, so a caller parses every
 * refusal the same way. Tomcat's are sent over a raw socket: the request is one an HTTP client
 * library would refuse to send.
 */
class FrameworkErrorsTest extends ApiTestSupport {

  /** Status line, Content-Type and JSON body of a raw HTTP/1.1 exchange. */
  record RawReply(int status, String contentType, JsonNode body) {}

  private Reply call(String method, String path, String contentType, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + OPENCX_TOKEN)
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      var response = http.send(request, BodyHandlers.ofString());
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          JSON.readTree(response.body()));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private RawReply raw(String requestHead) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String head = response.substring(0, response.indexOf("\r\n\r\n"));
      String body = response.substring(response.indexOf("\r\n\r\n") + 4);
      String contentType =
          head.lines()
              .filter(l -> l.toLowerCase().startsWith("content-type:"))
              .map(l -> l.substring(13).trim())
              .findFirst()
              .orElse("");
      if (head.toLowerCase().contains("transfer-encoding: chunked")) {
        body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
      }
      return new RawReply(Integer.parseInt(head.split(" ")[1]), contentType, JSON.readTree(body));
    }
  }

  @Test
  void anUnknownPathIsNotFoundAsAProblem() {
    Reply reply = call("GET", "/v1/nothing-here", "application/json", "");
    assertProblem(reply, 404, "not_found");
    assertThat(reply.body().path("instance").asText()).isEqualTo("/v1/nothing-here");

    Reply outsideV1 = call("GET", "/nothing-here", "application/json", "");
    assertProblem(outsideV1, 404, "not_found");
  }

  @Test
  void aWrongMethodIsRefusedAsAProblem() {
    Reply reply = call("DELETE", "/v1/handoffs/" + newSessionId("delete"), "application/json", "");
    assertProblem(reply, 405, "method_not_allowed");
    assertThat(reply.body().path("detail").asText()).contains("DELETE");
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedAsAProblem() {
    Reply reply = call("POST", "/v1/handoffs", "text/plain", "hello");
    assertProblem(reply, 415, "unsupported_media_type");
    assertThat(reply.body().path("detail").asText()).contains("application/json");
  }

  @Test
  void malformedJsonIsRefusedAsAProblemNamingTheBody() {
    Reply reply = call("POST", "/v1/handoffs", "application/json", "{\"sessionId\":");
    assertProblem(reply, 400, "invalid_request");
    assertThat(reply.body().at("/violations/0/field").asText()).isEqualTo("body");
  }

  @Test
  void oversizedHeadersAreRefusedInTheApiShape() throws IOException {
    RawReply reply =
        raw(
            "GET /v1/handoffs/x HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

    assertProblem(reply.status(), reply.contentType(), reply.body(), 400, "bad_request");
    assertThat(reply.body().path("detail").asText()).contains("header");
    assertThat(reply.body().has("instance")).isFalse(); // the request is never repeated
  }

  @Test
  void anEncodedSlashInThePathIsRefusedInTheApiShape() throws IOException {
    RawReply reply =
        raw(
            "GET /v1/handoffs/a%2Fb HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + OPENCX_TOKEN
                + "\r\nConnection: close\r\n\r\n");

    assertProblem(reply.status(), reply.contentType(), reply.body(), 400, "bad_request");
  }

  @Test
  void aDuplicateKeyIsRefusedNamingIt() {
    String body =
        json(startBody(newSessionId("dup")))
            .replace("\"summary\":", "\"summary\":\"first\",\"summary\":");

    Reply reply = postRaw("/v1/handoffs", OPENCX_TOKEN, body);

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(400);
    assertThat(reply.body().path("violations").get(0).path("field").asText()).isEqualTo("summary");
    assertThat(reply.body().path("violations").get(0).path("rule").asText())
        .contains("more than once");
  }

  @Test
  void aDuplicateNestedKeyIsRefusedNamingItsPath() {
    String body =
        json(startBody(newSessionId("dupnested")))
            .replace("\"phone\":", "\"phone\":\"+14155550100\",\"phone\":");

    Reply reply = postRaw("/v1/handoffs", OPENCX_TOKEN, body);

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(400);
    assertThat(reply.body().path("violations").get(0).path("field").asText())
        .isEqualTo("customer.phone");
  }
}
