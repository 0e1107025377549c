package com.opencx.handoff.starter.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Boot's error page ({@code /error}), where the servlet container forwards any error no
 * controller answered (a {@code sendError} from a filter, an exception outside Spring MVC), in the
 * API's shape instead of Boot's {@code {timestamp, status, error, path}}. Replaces Boot's {@code
 * BasicErrorController}, which steps aside when an {@link ErrorController} bean exists.
 */
@RestController
public class ApiErrorController implements ErrorController {

  @RequestMapping(value = "/error", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
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
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(ErrorBodies.of(status, message));
  }
}
