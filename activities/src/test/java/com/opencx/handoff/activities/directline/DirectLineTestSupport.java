package com.opencx.handoff.activities.directline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared helpers for the Direct Line tests: a client aimed at a MockWebServer, JSON, failures. */
final class DirectLineTestSupport {

  static final String SECRET = "dl-Secr3t-value";
  static final ObjectMapper JSON = new ObjectMapper();

  private DirectLineTestSupport() {}

  static DirectLineClient client(MockWebServer server) {
    return new DirectLineClient(
        new DirectLineSettings(
            "http://127.0.0.1:" + server.getPort(), Duration.ofSeconds(2), Duration.ofMillis(500)));
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse error(int code, String errorCode, String message) {
    return json(
        code, "{\"error\":{\"code\":\"" + errorCode + "\",\"message\":\"" + message + "\"}}");
  }

  static JsonNode body(RecordedRequest request) throws IOException {
    return JSON.readTree(request.getBody().utf8());
  }

  static JsonNode parse(String json) throws IOException {
    return JSON.readTree(json);
  }

  static void assertAuthorised(RecordedRequest request) {
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET);
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
  }

  static ApplicationFailure failure(ThrowingCallable call) {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, call);
    assertThat(failure).as("an ApplicationFailure is thrown").isNotNull();
    return failure;
  }
}
