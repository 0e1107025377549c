package com.opencx.handoff.activities.opencx;

import com.opencx.handoff.workflows.activities.AuditActivities;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 6 and every later outcome: records one audit event at OpenCX ({@code POST /v1/audit-events},
 * SPEC §3.2). The event id is deterministic, so a retried or replayed write that OpenCX already
 * holds comes back 200 and counts as success like the first 201: the audit trail gets each outcome
 * exactly once however often the activity runs.
 */
public final class AuditActivitiesImpl implements AuditActivities {

  private static final Logger log = LoggerFactory.getLogger(AuditActivitiesImpl.class);

  private final OpenCxClient client;

  public AuditActivitiesImpl(OpenCxClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public void writeAuditEvent(AuditEvent event) {
    boolean created = client.recordAuditEvent(event);
    if (!created) {
      log.debug("Audit event {} was already recorded at OpenCX", event.eventId());
    }
  }
}
