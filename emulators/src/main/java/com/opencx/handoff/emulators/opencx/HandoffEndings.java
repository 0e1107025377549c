package com.opencx.handoff.emulators.opencx;

import static com.opencx.handoff.emulators.opencx.Fields.requiredInstant;
import static com.opencx.handoff.emulators.opencx.Fields.requiredString;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The end of a handoff as the emulated OpenCX sees it ({@code POST
 * /v1/sessions/{id}/handoff-ended}, SPEC §3.2): the rep closed the conversation, so the session
 * goes back to the AI (status {@code ai}), which may take the customer on again. The call is
 * idempotent: the first call while the session is handed off is recorded and changes the status, a
 * repeat (the session is no longer handed off) is answered the same and changes nothing, so a
 * retried activity never overwrites the first ending. A session handed off again later records its
 * next ending afresh. Not thread-safe by itself: {@link OpenCxApi} calls it under its own lock.
 */
final class HandoffEndings {

  private final Map<String, Map<String, Object>> endings = new LinkedHashMap<>();

  /** Checks the body, records the ending when it is the first, and returns the session after. */
  Session end(Session session, Map<String, Object> body, Instant now) {
    String reason = requiredString(body, "reason");
    String workflowId = requiredString(body, "workflowId");
    Instant endedAt = requiredInstant(body, "endedAt");
    boolean handedOff = "handed_off".equals(session.status());
    if (handedOff || !endings.containsKey(session.id())) {
      Map<String, Object> ended = new LinkedHashMap<>();
      ended.put("sessionId", session.id());
      ended.put("reason", reason);
      ended.put("workflowId", workflowId);
      ended.put("endedAt", endedAt.toString());
      ended.put("receivedAt", now.toString());
      endings.put(session.id(), Collections.unmodifiableMap(ended));
    }
    return handedOff ? session.withHandoff("ai", session.dynamicsChatId()) : session;
  }

  /** The recorded ending of the session's last handoff. */
  Optional<Map<String, Object>> of(String sessionId) {
    return Optional.ofNullable(endings.get(sessionId));
  }
}
