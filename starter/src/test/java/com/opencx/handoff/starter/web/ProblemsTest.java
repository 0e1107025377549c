package com.opencx.handoff.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The one problem shape outside a server: its JSON (standard members first, then the extensions),
 * the codes derived from a status, and the 500 that an unexpected exception becomes, which the API
 * tests cannot provoke.
 */
class ProblemsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aProblemIsWrittenWithTheStandardMembersThenTheExtensions() throws Exception {
    ProblemDetail problem =
        Problems.withViolations(
            Problems.of(HttpStatus.BAD_REQUEST, "invalid_request", "summary must not be empty"),
            List.of(Map.of("field", "summary", "rule", "must not be empty")));
    Problems.at(problem, "/v1/handoffs");

    JsonNode json = JSON.readTree(Problems.json(problem));

    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "type", "title", "status", "detail", "instance", "error", "message", "violations");
    assertThat(json.path("type").asText()).isEqualTo("about:blank");
    assertThat(json.path("title").asText()).isEqualTo("Bad Request");
    assertThat(json.path("message").asText()).isEqualTo("summary must not be empty");
    assertThat(json.at("/violations/0/field").asText()).isEqualTo("summary");
  }

  @Test
  void aPathThatIsNoUriLeavesTheInstanceOut() {
    assertThat(Problems.at(Problems.of(HttpStatus.NOT_FOUND, "x"), "/a b|c").getInstance())
        .isNull();
  }

  @Test
  void aStatusWithoutACodeOfItsOwnIsNamedAfterTheStatus() {
    assertThat(Problems.code(405)).isEqualTo("method_not_allowed");
    assertThat(Problems.code(413)).isEqualTo("body_too_large");
    assertThat(Problems.code(502)).isEqualTo("internal_error");
    assertThat(Problems.code(503)).isEqualTo("service_unavailable");
    assertThat(Problems.code(599)).isEqualTo("internal_error");
    assertThat(Problems.code(499)).isEqualTo("error_499");
  }

  @Test
  void anUnexpectedExceptionIsA500ProblemThatSaysNoMore() {
    ResponseEntity<ProblemDetail> reply =
        new FrameworkErrors().unexpected(new IllegalStateException("customer +14155550100"));

    assertThat(reply.getStatusCode().value()).isEqualTo(500);
    assertThat(reply.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(reply.getBody().getProperties()).containsEntry("error", "internal_error");
    assertThat(reply.getBody().getDetail()).doesNotContain("+1415");
  }
}
