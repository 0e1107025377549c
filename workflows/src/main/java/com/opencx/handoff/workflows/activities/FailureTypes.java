package com.opencx.handoff.workflows.activities;

import java.util.List;

/**
 * The {@code ApplicationFailure} types activities throw, shared by the activities (which throw
 * them) and the workflow (which decides from them). Retryable types are retried by the activity's
 * policy; the others stop at once and either reject the handoff or park it for an operator.
 */
public final class FailureTypes {

  /** Unknown session, wrong channel, closed, handed off elsewhere, bad phone: ends Rejected. */
  public static final String SESSION_REJECTED = "SessionRejected";

  /** The workflow's own input cannot identify the handoff (SDK starts skip the API's checks). */
  public static final String INVALID_REQUEST = "InvalidHandoffRequest";

  /**
   * The workflow's safety net: an ending was interrupted by the runbook's own control flow. The run
   * fails with this type (visible and searchable) instead of retrying its workflow task.
   */
  public static final String ENDING_INTERRUPTED = "HandoffEndingInterrupted";

  /** Dataverse 400 on our payload: a configuration or mapping fault; parks NeedsAttention. */
  public static final String DATAVERSE_BAD_REQUEST = "DataverseBadRequest";

  /** Dataverse 403: the application user lacks a privilege; parks NeedsAttention. */
  public static final String DATAVERSE_FORBIDDEN = "DataverseForbidden";

  /** Dataverse 404, e.g. the workstream does not exist; parks NeedsAttention. */
  public static final String DATAVERSE_NOT_FOUND = "DataverseNotFound";

  /** Dataverse 401 even after one token refresh: credentials are wrong; parks NeedsAttention. */
  public static final String DATAVERSE_UNAUTHORIZED = "DataverseUnauthorized";

  /** Dataverse 429: retryable, with the next delay taken from {@code Retry-After}. */
  public static final String DATAVERSE_THROTTLED = "DataverseThrottled";

  /** Dataverse 5xx, timeouts, resets: retryable with backoff. */
  public static final String DATAVERSE_UNAVAILABLE = "DataverseUnavailable";

  /** OpenCX 409: the session was handed off to another work item meanwhile. */
  public static final String OPENCX_CONFLICT = "OpenCxConflict";

  /** OpenCX 400/401/403/404 on a call that should succeed: a configuration fault. */
  public static final String OPENCX_REJECTED_CALL = "OpenCxRejectedCall";

  /**
   * OpenCX 422 {@code window_closed}: a free-form agent message 24 h after the customer's last
   * inbound message; only a template may be sent. Details: {@code closedAt} (ISO-8601 string).
   */
  public static final String OPENCX_WINDOW_CLOSED = "OpenCxWindowClosed";

  /** OpenCX 429: retryable, with the next delay taken from {@code Retry-After}. */
  public static final String OPENCX_THROTTLED = "OpenCxThrottled";

  /** OpenCX 5xx, timeouts, resets: retryable with backoff. */
  public static final String OPENCX_UNAVAILABLE = "OpenCxUnavailable";

  /** Direct Line 429: retryable, with the next delay taken from {@code Retry-After}. */
  public static final String DIRECT_LINE_THROTTLED = "DirectLineThrottled";

  /**
   * Direct Line 408/5xx, timeouts, resets: retryable with backoff. Some of these are ambiguous (the
   * activity may have been delivered: 500, 502, 504, a timeout or a dropped connection after the
   * request went out), so a post is retried only after reading the conversation back.
   */
  public static final String DIRECT_LINE_UNAVAILABLE = "DirectLineUnavailable";

  /**
   * Direct Line 400/401/403/404/413 (and any other refusal): a configuration or payload fault, e.g.
   * a wrong secret, a regional bot on the global URL, an unknown conversation; parks
   * NeedsAttention.
   */
  public static final String DIRECT_LINE_REJECTED = "DirectLineRejected";

  /**
   * Direct Line route: Omnichannel's routing created no conversation record for the session within
   * the routing timeout; parks NeedsAttention naming the runbook's case ("live work item never
   * appears — check the custom channel's workstream and its routing rules").
   */
  public static final String WORK_ITEM_NOT_ROUTED = "WorkItemNotRouted";

  /** Failures no retry can fix; the workflow's retry policies name these as do-not-retry. */
  public static final List<String> NON_RETRYABLE =
      List.of(
          SESSION_REJECTED,
          DATAVERSE_BAD_REQUEST,
          DATAVERSE_FORBIDDEN,
          DATAVERSE_NOT_FOUND,
          DATAVERSE_UNAUTHORIZED,
          OPENCX_CONFLICT,
          OPENCX_REJECTED_CALL,
          OPENCX_WINDOW_CLOSED,
          DIRECT_LINE_REJECTED,
          WORK_ITEM_NOT_ROUTED);

  private FailureTypes() {}
}
