package com.opencx.handoff.operations;

import java.time.Duration;

/**
 * No worker took up the Update within the wait: every worker is down or behind a backlog. The
 * Update may still be applied (and validated) when one polls, so it is worth reading the status
 * before sending it again.
 */
public final class WorkerDidNotAnswer extends RuntimeException {

  public WorkerDidNotAnswer(String action, String sessionId, Duration waited) {
    super(
        "no worker answered the "
            + action
            + " of session "
            + sessionId
            + " within "
            + waited.toMillis()
            + " ms; it may still apply when a worker polls: read the status before sending it"
            + " again",
        null,
        false,
        false);
  }
}
