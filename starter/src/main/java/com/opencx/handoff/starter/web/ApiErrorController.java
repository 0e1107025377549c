package com.opencx.handoff.starter.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Boot's error page ({@code /error}), where the servlet container forwards any error no
 * controller answered (a {@code sendError} from a filter, an exception outside Spring MVC), in the
 * API's problem shape ({@link Problems}) instead of Boot's {@code {timestamp, status, error,
 * path}}, whatever the caller's {@code Accept} says. Replaces Boot's {@code BasicErrorController},
 * which steps aside when an {@link ErrorController} bean exists.
 */
@RestController
public class ApiErrorController implements ErrorController {

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatusCode status =
        code instanceof Integer value && value >= 400
            ? HttpStatusCode.valueOf(value)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    String message =
        status.value() == 404
            ? "no such endpoint; the API's calls are under /v1/handoffs and /v1/ops/handoffs"
            : status.is5xxServerError()
                ? "the API failed unexpectedly; the request may be retried"
                : "the request was refused (" + status.value() + ")";
    // The path that failed, not /error where the container forwarded it.
    Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    return Problems.response(
        Problems.at(Problems.of(status, message), path instanceof String p ? p : null));
  }
}
