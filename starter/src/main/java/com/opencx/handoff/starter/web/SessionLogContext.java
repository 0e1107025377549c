package com.opencx.handoff.starter.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the session a request is about into the log context ({@code sessionId}), so the API's lines
 * about one handoff are found by the same key as the worker's (the log layer derives it there from
 * the workflow id). Only a path segment that is a valid session id is taken: anything else in a
 * path may be arbitrary caller input. A start request names its session in the body, which this
 * filter does not read; the controller logs it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SessionLogContext extends OncePerRequestFilter {

  static final String KEY = "sessionId";

  private static final Pattern SESSION_PATH =
      Pattern.compile("^/v1/(?:ops/)?handoffs/([A-Za-z0-9_-]{1,128})(?:/[^/]*)?$");

  /** The session in the log context until the result is closed; for an already validated id. */
  public static MDC.MDCCloseable of(String sessionId) {
    return MDC.putCloseable(KEY, sessionId);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher session = SESSION_PATH.matcher(request.getRequestURI());
    if (!session.matches()) {
      chain.doFilter(request, response);
      return;
    }
    MDC.put(KEY, session.group(1));
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(KEY);
    }
  }
}
