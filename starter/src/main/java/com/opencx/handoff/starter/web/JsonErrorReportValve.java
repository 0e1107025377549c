package com.opencx.handoff.starter.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report as the API's problem detail. Some requests never reach Spring: headers over
 * Tomcat's limit, an encoded '/' in the path, a malformed request line. Tomcat answers those itself
 * through its Host's error report valve, whose stock page is HTML; this one writes the API's
 * problem detail ({@link Problems}) instead. It never repeats the request: a header may hold a
 * token, a path a session id.
 */
public class JsonErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // As the stock valve: only an error nobody has answered yet, on a connection still usable.
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      Writer writer = response.getReporter();
      if (writer != null) {
        // No instance: the request line is what Tomcat could not read, and is never repeated.
        writer.write(
            Problems.json(Problems.of(HttpStatusCode.valueOf(status), message(status, throwable))));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client went away or the response is already committed: nothing left to tell it.
    }
  }

  static String message(int status, Throwable throwable) {
    String cause = throwable == null ? "" : String.valueOf(throwable.getMessage());
    if (status == 400 && cause.toLowerCase().contains("header")) {
      return "the request's headers are larger than the server accepts";
    }
    if (status == 400) {
      return "the request could not be read: a malformed request line or path (an encoded '/'"
          + " or '\\\\' is not allowed in a path)";
    }
    return "the request was refused (" + status + ")";
  }
}
