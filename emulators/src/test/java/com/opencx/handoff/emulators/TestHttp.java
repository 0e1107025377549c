package com.opencx.handoff.emulators;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A tiny HTTP client for talking to the emulators over real sockets in tests. */
public final class TestHttp {

  public static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUrl;
  private final String token;

  public TestHttp(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** A response with its body as text. */
  public record Result(int status, Map<String, String> headers, String body, byte[] bytes) {

    public Map<String, Object> json() {
      try {
        return JSON.readValue(body, new TypeReference<>() {});
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    /** {@code error.code} of an error body. */
    @SuppressWarnings("unchecked")
    public String errorCode() {
      return (String) ((Map<String, Object>) json().get("error")).get("code");
    }

    /** {@code error.message} of an error body. */
    @SuppressWarnings("unchecked")
    public String errorMessage() {
      return (String) ((Map<String, Object>) json().get("error")).get("message");
    }

    public String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  /** Sends a request; {@code headers} are name/value pairs; a JSON body gets its content type. */
  public Result send(String method, String path, String body, String... headers)
      throws IOException, InterruptedException {
    return send(
        method,
        path,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        body == null ? null : "application/json",
        headers);
  }

  /** Sends raw bytes with exactly the given headers (no content type unless one is given). */
  public Result sendBytes(String method, String path, byte[] body, String... headers)
      throws IOException, InterruptedException {
    return send(method, path, body, null, headers);
  }

  private Result send(
      String method, String path, byte[] body, String defaultContentType, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    boolean contentType = false;
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
      contentType |= headers[i].equalsIgnoreCase("Content-Type");
    }
    if (defaultContentType != null && !contentType) {
      builder.header("Content-Type", defaultContentType);
    }
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> response =
        client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    Map<String, String> flat = new java.util.HashMap<>();
    response.headers().map().forEach((k, v) -> flat.put(k.toLowerCase(), String.join(", ", v)));
    return new Result(
        response.statusCode(),
        flat,
        new String(response.body(), StandardCharsets.UTF_8),
        response.body());
  }

  public Result get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  /** JSON text of a value. */
  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
