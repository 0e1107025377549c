package com.opencx.handoff.activities.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Shared helpers for tests that run the client against a real local HTTP server. */
final class DataverseTestServer {

  static final String WORKSTREAM = "5b8f9c2e-1d3a-4e6f-8a7b-9c0d1e2f3a4b";
  static final ObjectMapper JSON = new ObjectMapper();

  private DataverseTestServer() {}

  /** Settings pointing at {@code server}: {@code http://localhost:<port>}, defaults otherwise. */
  static DataverseSettings settings(MockWebServer server) {
    String root = server.url("/").toString();
    return DataverseSettings.of(root.substring(0, root.length() - 1), WORKSTREAM);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json; odata.metadata=minimal")
        .setHeader("OData-Version", "4.0")
        .body(body)
        .build();
  }

  static MockResponse noContent() {
    return new MockResponse.Builder().code(204).setHeader("OData-Version", "4.0").build();
  }

  static MockResponse error(int code, String errorCode, String message) {
    return json(
        code, "{\"error\":{\"code\":\"" + errorCode + "\",\"message\":\"" + message + "\"}}");
  }

  static RecordedRequest take(MockWebServer server) throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("request reached the server").isNotNull();
    return request;
  }

  /** The five headers Dataverse wants on every request, with the expected conditional value. */
  static void assertStandardHeaders(RecordedRequest request, String token, String ifNoneMatch) {
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("OData-MaxVersion")).isEqualTo("4.0");
    assertThat(request.getHeaders().get("OData-Version")).isEqualTo("4.0");
    assertThat(request.getHeaders().values("If-None-Match")).containsExactly(ifNoneMatch);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + token);
  }

  static JsonNode body(RecordedRequest request) throws IOException {
    return JSON.readTree(request.getBody().utf8());
  }
}
