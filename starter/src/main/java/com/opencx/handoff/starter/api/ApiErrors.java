package com.opencx.handoff.starter.api;

import com.opencx.handoff.operations.OperatorActionRefused;
import com.opencx.handoff.operations.WorkerDidNotAnswer;
import com.opencx.handoff.starter.api.RequestValidator.Violation;
import com.opencx.handoff.starter.web.Problems;
import com.opencx.handoff.workflows.model.Phase;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the API's own refusals into problem details ({@link Problems}): the stable code as {@code
 * error} and each broken rule in {@code violations: [{"field", "rule"}]}, so a caller can show the
 * field and the rule it broke. Unparseable JSON and values of the wrong type (an unparseable
 * timestamp, say) name their field too. A workflow's refusal of an operator action keeps its
 * reason, under a code derived from its failure type.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiErrors {

  /** A request that broke one or more rules. */
  static final class InvalidRequest extends RuntimeException {
    final List<Violation> violations;

    InvalidRequest(List<Violation> violations) {
      super(
          violations.stream()
              .map(v -> v.field() + " " + v.rule())
              .collect(Collectors.joining("; ")));
      this.violations = List.copyOf(violations);
    }
  }

  /** No handoff for the session. */
  static final class NotFound extends RuntimeException {
    NotFound(String sessionId) {
      super("no handoff for session " + sessionId);
    }
  }

  /** The handoff exists but has ended: nothing can be done to it any more. */
  static final class HandoffEnded extends RuntimeException {
    final Phase phase;

    HandoffEnded(String sessionId, Phase phase) {
      super("handoff of session " + sessionId + " already ended " + phase);
      this.phase = phase;
    }
  }

  /** Temporal did not answer in time. */
  static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }

  static HandoffEnded ended(String sessionId, Phase phase) {
    return new HandoffEnded(sessionId, phase);
  }

  static Unavailable unavailable(String message) {
    return new Unavailable(message);
  }

  static void throwIfInvalid(List<Violation> violations) {
    if (!violations.isEmpty()) {
      throw new InvalidRequest(violations);
    }
  }

  static NotFound notFound(String sessionId) {
    return new NotFound(sessionId);
  }

  @ExceptionHandler(InvalidRequest.class)
  ResponseEntity<ProblemDetail> invalid(InvalidRequest e) {
    return Problems.response(
        Problems.withViolations(
            Problems.of(HttpStatus.BAD_REQUEST, "invalid_request", e.getMessage()), e.violations));
  }

  @ExceptionHandler(NotFound.class)
  ResponseEntity<ProblemDetail> notFound(NotFound e) {
    return Problems.response(Problems.of(HttpStatus.NOT_FOUND, "not_found", e.getMessage()));
  }

  @ExceptionHandler(HandoffEnded.class)
  ResponseEntity<ProblemDetail> ended(HandoffEnded e) {
    ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "handoff_ended", e.getMessage());
    problem.setProperty("phase", e.phase.name());
    return Problems.response(problem);
  }

  @ExceptionHandler(Unavailable.class)
  ResponseEntity<ProblemDetail> unavailable(Unavailable e) {
    return Problems.response(
        Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "temporal_unavailable", e.getMessage()));
  }

  /** 409 with the validator's reason; {@code NotSkippable} reads {@code not_skippable}, etc. */
  @ExceptionHandler(OperatorActionRefused.class)
  ResponseEntity<ProblemDetail> refused(OperatorActionRefused e) {
    return Problems.response(
        Problems.of(HttpStatus.CONFLICT, refusalCode(e.type()), e.getMessage()));
  }

  /** The Update may still apply once a worker polls: the detail says to read the status first. */
  @ExceptionHandler(WorkerDidNotAnswer.class)
  ResponseEntity<ProblemDetail> workerDidNotAnswer(WorkerDidNotAnswer e) {
    return Problems.response(
        Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "worker_did_not_answer", e.getMessage()));
  }

  /** {@code WorkstreamNotChangeable} as {@code workstream_not_changeable}. */
  static String refusalCode(String type) {
    if (type == null || type.isBlank()) {
      return "refused";
    }
    return type.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    return invalid(new InvalidRequest(List.of(UnreadableBody.violation(e))));
  }
}
