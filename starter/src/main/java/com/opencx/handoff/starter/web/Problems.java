package com.opencx.handoff.starter.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * The API's one error shape, an RFC 9457 problem detail ({@code application/problem+json}), for
 * every refusal: the API's own, Spring MVC's, Spring Boot's error page, Tomcat's, the bearer
 * filter's and the CORS check's. Spring's {@link ProblemDetail} carries the standard members;
 * {@code type} is {@code about:blank} and {@code title} the status's phrase (RFC 9457 §4.2.1), as
 * the stable code that tells refusals apart is the {@code error} extension OpenCX already switches
 * on. {@code violations} is always present ({@code [{field, rule}]}, empty unless the input broke a
 * rule), and {@code message} repeats {@code detail} for clients of the old {@code {error, message}}
 * shape (deprecated, removed in the next release).
 */
public final class Problems {

  /** Reads Spring's {@code ProblemDetail} mix-in, so extensions sit beside the standard members. */
  private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

  private Problems() {}

  /** A problem with the API's stable code and what the caller should read. */
  public static ProblemDetail of(HttpStatusCode status, String error, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setProperty("error", error);
    problem.setProperty("message", detail);
    problem.setProperty("violations", List.of());
    return problem;
  }

  /** A problem whose code is the status's name ({@code not_found}, {@code method_not_allowed}). */
  public static ProblemDetail of(HttpStatusCode status, String detail) {
    return of(status, code(status.value()), detail);
  }

  /** The same problem listing each field that broke a rule. */
  public static ProblemDetail withViolations(ProblemDetail problem, List<?> violations) {
    problem.setProperty("violations", List.copyOf(violations));
    return problem;
  }

  /** Where the problem occurred: the request's path (RFC 9457's {@code instance}). */
  public static ProblemDetail at(ProblemDetail problem, String path) {
    if (path != null && !path.isEmpty()) {
      try {
        problem.setInstance(URI.create(path));
      } catch (IllegalArgumentException notAUri) {
        // A path the container let through but java.net.URI refuses: no instance rather than none
        // of the rest.
      }
    }
    return problem;
  }

  /** A Spring MVC answer: the status, the problem media type and the problem. */
  public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /** Writes the problem where no Spring MVC handler runs (a filter, Tomcat's error report). */
  public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(json(problem));
  }

  public static String json(ProblemDetail problem) {
    try {
      return JSON.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String code(int status) {
    if (status == 413) {
      return "body_too_large";
    }
    if (status >= 500 && status != 503) {
      return "internal_error";
    }
    HttpStatus known = HttpStatus.resolve(status);
    return known == null ? "error_" + status : known.name().toLowerCase(Locale.ROOT);
  }
}
