package com.opencx.handoff.workflows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * Every id this service gives a side effect, derived from the session id alone. Because a retried
 * activity, a replayed workflow or a second worker all compute the same id, Dataverse's conditional
 * create and OpenCX's idempotent audit turn a repeated write into a no-op. Record ids are RFC 4122
 * name-based UUIDs (version 5, SHA-1) in a namespace of this service's own; audit event ids are
 * readable strings so an operator can grep them.
 */
public final class HandoffIds {

  /** Workflow ids are {@code whatsapp-handoff-<sessionId>}; session ids are not PII. */
  public static final String WORKFLOW_ID_PREFIX = "whatsapp-handoff-";

  /** This service's UUID namespace. Changing it would orphan every existing work item. */
  static final UUID NAMESPACE = UUID.fromString("6b0f3f62-7f4e-4c53-9f1c-2a8f3d5e9a10");

  private HandoffIds() {}

  public static String workflowId(String sessionId) {
    return WORKFLOW_ID_PREFIX + sessionId;
  }

  /** The conversation's {@code activityid}. */
  public static String workItemId(String sessionId) {
    return nameUuid("msdyn_ocliveworkitem:" + sessionId).toString();
  }

  /** A context item's {@code msdyn_ocliveworkitemcontextitemid}, one per work item and name. */
  public static String contextItemId(String workItemId, String name) {
    return nameUuid("msdyn_ocliveworkitemcontextitem:" + workItemId + ":" + name).toString();
  }

  /** A media note's {@code annotationid}, one per session and OpenCX media id. */
  public static String annotationId(String sessionId, String mediaId) {
    return nameUuid("annotation:" + sessionId + ":" + mediaId).toString();
  }

  /** An audit event id: one per session, event type and (where a type repeats) occasion. */
  public static String auditEventId(String sessionId, String type, String occasion) {
    String base = workflowId(sessionId) + ":" + type;
    return occasion == null || occasion.isEmpty() ? base : base + ":" + occasion;
  }

  /** The occasion of a time-keyed event, e.g. a template window closing at {@code instant}. */
  public static String occasion(Instant instant) {
    return Long.toString(instant.getEpochSecond());
  }

  /** RFC 4122 §4.3 name-based UUID, version 5. */
  static UUID nameUuid(String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java platform", e);
    }
    ByteBuffer ns = ByteBuffer.allocate(16);
    ns.putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits());
    sha1.update(ns.array());
    byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(bytes.getLong(), bytes.getLong());
  }
}
