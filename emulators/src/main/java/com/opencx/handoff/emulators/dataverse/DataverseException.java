package com.opencx.handoff.emulators.dataverse;

import com.opencx.handoff.emulators.http.Response;

/**
 * A request the emulated Dataverse refuses, carried as an exception so that deep validation code
 * can stop the request with the exact status, error code and message the client should see.
 */
final class DataverseException extends RuntimeException {

  /** The code Dataverse uses for payloads and URLs it cannot map onto its metadata. */
  static final String BAD_REQUEST = "0x80060888";

  static final String NOT_FOUND = "0x80040217";
  static final String DUPLICATE = "0x80040237";
  static final String TOO_LARGE = "0x80044a02";

  /** A note whose file name has an extension in the organisation's blocked list. */
  static final String BLOCKED_ATTACHMENT = "0x80043e09";

  private final int status;
  private final String code;

  DataverseException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static DataverseException badRequest(String message) {
    return new DataverseException(400, BAD_REQUEST, message);
  }

  static DataverseException notFound(String logicalName, String id) {
    return new DataverseException(
        404, NOT_FOUND, logicalName + " With Id = " + id + " Does Not Exist");
  }

  Response toResponse() {
    return Response.error(status, code, getMessage());
  }
}
