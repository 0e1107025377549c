package com.opencx.handoff.emulators.opencx;

import com.opencx.handoff.emulators.http.Response;
import java.util.Map;

/**
 * A refusal of the emulated OpenCX API, thrown from anywhere in an endpoint's logic so that the
 * first broken rule decides the answer. Most refusals use the emulators' shared {@code
 * {"error":{"code":…,"message":…}}} body; the few the contract gives a body of its own (the 422
 * {@code window_closed}) carry that body instead.
 */
final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final Map<String, Object> body;

  ApiError(int status, String code, String message) {
    this(status, code, message, null);
  }

  private ApiError(int status, String code, String message, Map<String, Object> body) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }

  /** A 400 whose message names the field at fault and the rule it breaks. */
  static ApiError badField(String field, String rule) {
    return new ApiError(400, "bad_request", "Field '" + field + "' " + rule);
  }

  /** A refusal answered with exactly {@code body} as its JSON. */
  static ApiError withBody(int status, String message, Map<String, Object> body) {
    return new ApiError(status, null, message, Map.copyOf(body));
  }

  Response response() {
    return body == null ? Response.error(status, code, getMessage()) : Response.json(status, body);
  }
}
