package com.opencx.handoff.activities.opencx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared helpers for the OpenCX tests: a client aimed at a MockWebServer, JSON and failures. */
final class TestSupport {

  static final String API_KEY = "test-api-key";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestSupport() {}

  static String baseUrl(MockWebServer server) {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  static OpenCxClient client(MockWebServer server) {
    return new OpenCxClient(
        new OpenCxSettings(
            baseUrl(server), API_KEY, Duration.ofSeconds(2), Duration.ofMillis(500)));
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  static JsonNode body(RecordedRequest request) throws IOException {
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    return MAPPER.readTree(request.getBody().utf8());
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static void assertAuthorised(RecordedRequest request) {
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
  }

  static ApplicationFailure failure(ThrowingCallable call) {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, call);
    assertThat(failure).as("an ApplicationFailure is thrown").isNotNull();
    return failure;
  }
}
