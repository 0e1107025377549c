package com.opencx.handoff.workflows.activities;

import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.Map;

/**
 * Step 6 and every later outcome: one audit event each, recorded at OpenCX. {@code eventId} is
 * deterministic, so a retried write is recognised and not duplicated.
 */
@ActivityInterface
public interface AuditActivities {

  void writeAuditEvent(AuditEvent event);

  /** OpenCX's {@code POST /v1/audit-events} body. Details hold no phone, email or name. */
  record AuditEvent(
      String eventId,
      String sessionId,
      String workflowId,
      String type,
      Instant at,
      Map<String, String> details) {}
}
