package com.opencx.handoff.operations;

/**
 * No running handoff has this session id: it was never started or it has ended (Temporal answers
 * both alike; a describe tells them apart).
 */
public final class HandoffNotRunning extends RuntimeException {

  public HandoffNotRunning(String sessionId) {
    super("no running handoff for session " + sessionId, null, false, false);
  }
}
