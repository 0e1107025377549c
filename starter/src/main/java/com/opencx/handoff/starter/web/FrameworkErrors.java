package com.opencx.handoff.starter.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Spring MVC's own refusals (unknown path, wrong method, wrong content type, a missing parameter,
 * ...) as the API's problem details ({@link Problems}) instead of Spring's default ones, and
 * anything unexpected as a 500 that says no more than that. Runs after {@code ApiErrors}, which
 * owns the API's own refusals and unreadable bodies.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class FrameworkErrors extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(FrameworkErrors.class);

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    // The headers Spring chose stay (Allow on a 405, Accept on a 415); the body is the API's.
    return ResponseEntity.status(status)
        .headers(headers)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.of(status, message(e)));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    // The type only: a message may quote request content.
    log.error("unexpected {} while handling a request", e.getClass().getName());
    return Problems.response(
        Problems.of(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "the API failed unexpectedly; the request may be retried"));
  }

  private static String message(Exception e) {
    if (e instanceof NoResourceFoundException) {
      return "no such endpoint; the API's calls are under /v1/handoffs and /v1/ops/handoffs";
    }
    if (e instanceof HttpRequestMethodNotSupportedException method) {
      return method.getMethod()
          + " is not allowed here; allowed: "
          + String.join(
              ", ",
              method.getSupportedMethods() == null ? new String[0] : method.getSupportedMethods());
    }
    if (e instanceof HttpMediaTypeNotSupportedException media) {
      return "bodies must be application/json, not " + media.getContentType();
    }
    return e instanceof org.springframework.web.ErrorResponse response
            && response.getBody().getDetail() != null
        ? response.getBody().getDetail()
        : "the request was refused";
  }
}
