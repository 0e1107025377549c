package com.opencx.handoff.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every kind of refusal is an RFC 9457 problem detail ({@link ApiTestSupport#assertProblem}): the
 * API's own (bad input, unknown session), the bearer filter's (no token, wrong token kind, too
 * large a body), Spring Boot's error page, and for a client that still asks for {@code
 * application/json}. Spring MVC's and Tomcat's are in {@link FrameworkErrorsTest}, the codec's and
 * the CORS check's in {@link CodecEndpointTest}, the ended handoff's {@code phase} in {@link
 * HandoffEndedTest}.
 */
class ProblemDetailsTest extends ApiTestSupport {

  private HttpResponse<String> raw(String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return http.send(request.GET().build(), BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode problem(HttpResponse<String> reply, int status, String error)
      throws IOException {
    return assertProblem(
        reply.statusCode(),
        reply.headers().firstValue("Content-Type").orElse(""),
        JSON.readTree(reply.body()),
        status,
        error);
  }

  @Test
  void badInputIsAProblemListingEachViolation() {
    Map<String, Object> body = startBody(newSessionId("problem"));
    body.put("customer", Map.of("phone", "4155550100"));
    body.put("summary", "");

    JsonNode problem =
        assertProblem(post("/v1/handoffs", OPENCX_TOKEN, body), 400, "invalid_request");

    assertThat(problem.path("instance").asText()).isEqualTo("/v1/handoffs");
    assertThat(problem.path("violations"))
        .extracting(v -> v.path("field").asText())
        .containsExactly("customer.phone", "summary");
    assertThat(problem.path("violations"))
        .allSatisfy(v -> assertThat(v.path("rule").asText()).isNotBlank());
    assertThat(problem.path("detail").asText()).contains("customer.phone", "summary");
  }

  @Test
  void anUnknownSessionIsAProblemWhoseInstanceIsThePath() {
    String path = "/v1/handoffs/" + newSessionId("problemnobody");

    JsonNode problem = assertProblem(get(path, OPENCX_TOKEN), 404, "not_found");

    assertThat(problem.path("instance").asText()).isEqualTo(path);
    assertThat(problem.path("violations")).isEmpty();
  }

  @Test
  void theBearerFiltersRefusalsAreProblems() throws IOException {
    String path = "/v1/handoffs/" + newSessionId("problemauth");
    HttpResponse<String> none = raw(path);
    JsonNode unauthorized = problem(none, 401, "unauthorized");
    assertThat(unauthorized.path("instance").asText()).isEqualTo(path);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

    assertProblem(get("/v1/ops/handoffs", OPENCX_TOKEN), 403, "forbidden");

    Map<String, Object> big = startBody(newSessionId("problembig"));
    big.put("summary", "x".repeat(1024 * 1024));
    assertProblem(post("/v1/handoffs", OPENCX_TOKEN, big), 413, "body_too_large");
  }

  @Test
  void aClientThatAsksForJsonStillGetsTheProblem() throws IOException {
    HttpResponse<String> reply =
        raw(
            "/v1/handoffs/" + newSessionId("problemaccept"),
            "Authorization",
            "Bearer " + OPENCX_TOKEN,
            "Accept",
            "application/json");

    problem(reply, 404, "not_found");
  }

  @Test
  void springBootsErrorPageAnswersAProblem() throws IOException {
    // Reached directly there is no error to report: the page falls back to a 500.
    JsonNode problem = problem(raw("/error", "Accept", "text/html"), 500, "internal_error");
    assertThat(problem.path("detail").asText()).contains("may be retried");
  }
}
