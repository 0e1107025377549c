package com.opencx.handoff.starter.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatusCode;

/**
 * The API's one error shape, {@code {"error", "message", "violations"}}, for refusals that do not
 * come from the API's own checks: Spring MVC's (unknown path, wrong method or content type), Spring
 * Boot's error page, and Tomcat's own (a request it could not parse). The error code is the
 * status's name in lower case ({@code not_found}, {@code method_not_allowed}).
 */
public final class ErrorBodies {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorBodies() {}

  public static Map<String, Object> of(HttpStatusCode status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code(status.value()));
    body.put("message", message);
    body.put("violations", List.of());
    return body;
  }

  public static String json(HttpStatusCode status, String message) {
    try {
      return JSON.writeValueAsString(of(status, message));
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
    org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
    return known == null ? "error_" + status : known.name().toLowerCase(Locale.ROOT);
  }
}
