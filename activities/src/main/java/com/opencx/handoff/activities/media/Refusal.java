package com.opencx.handoff.activities.media;

/**
 * Why a media item is not attached: a fixed {@code reason} code for the refusals metric and the
 * {@code text} the rep reads in the note (which may name the file's type and size).
 */
record Refusal(String reason, String text) {

  /** WhatsApp does not deliver the type, or this service does not upload it. */
  static final String TYPE_NOT_ALLOWED = "type_not_allowed";

  /** Over this service's size limit for its type ({@code media.max-bytes*}). */
  static final String TOO_LARGE = "too_large";

  /** Over Dynamics' {@code maxuploadfilesize}, measured Base64-encoded. */
  static final String OVER_DYNAMICS_LIMIT = "over_dynamics_limit";

  /** OpenCX answered 404/410: it no longer holds the file. */
  static final String GONE_AT_OPENCX = "gone_at_opencx";

  /** The transfer failed for good (the workflow asks for the note). */
  static final String TRANSFER_FAILED = "transfer_failed";

  /** The same refusal with more said after its text. */
  Refusal explained(String more) {
    return new Refusal(reason, text + more);
  }
}
