package com.opencx.handoff.emulators.http;

/**
 * The answers the shared front door gives instead of the emulator's logic (limits exceeded, an
 * injected status, a missing credential), phrased like the real services so that a client's
 * classification of throttling and auth errors is exercised for real.
 */
final class Rejections {

  private final ErrorCodes codes;

  Rejections(ErrorCodes codes) {
    this.codes = codes;
  }

  Response concurrencyLimit(int max) {
    return Response.error(
            429,
            codes.concurrencyLimit(),
            "Number of concurrent requests exceeded the limit of " + max + ".")
        .withHeader("Retry-After", "1");
  }

  Response requestLimit(int max, long windowSeconds, int retryAfterSeconds) {
    return Response.error(
            429,
            codes.requestLimit(),
            "Number of requests exceeded the limit of "
                + max
                + " over time window of "
                + windowSeconds
                + " seconds.")
        .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
  }

  Response unauthorized() {
    return Response.error(
            401,
            codes.unauthorized(),
            "Authorization failed: send 'Authorization: Bearer <token>' with the token this"
                + " emulator was started with.")
        .withHeader("WWW-Authenticate", "Bearer");
  }

  Response badPath(String message) {
    return Response.error(400, codes.injected(), message);
  }

  /** The answer of a {@link Fault.Kind#STATUS} fault; a 401 reads as an expired token. */
  Response fault(Fault fault) {
    String code;
    String message;
    if (fault.status() == 401) {
      code = codes.expiredToken();
      message = "ExpiredAuthTicket: the access token has expired (injected fault).";
    } else if (fault.status() == 429) {
      code = codes.requestLimit();
      message = "Number of requests exceeded the limit (injected fault).";
    } else {
      code = codes.injected();
      message = "Injected fault: HTTP " + fault.status() + ".";
    }
    Response response =
        Response.error(
            fault.status(),
            fault.errorCode() == null ? code : fault.errorCode(),
            fault.errorMessage() == null ? message : fault.errorMessage());
    if (fault.retryAfterSeconds() > 0) {
      response = response.withHeader("Retry-After", Integer.toString(fault.retryAfterSeconds()));
    }
    if (fault.status() == 401) {
      response =
          response.withHeader(
              "WWW-Authenticate",
              "Bearer error=\"invalid_token\", error_description=\"ExpiredAuthTicket\"");
    }
    return response;
  }
}
