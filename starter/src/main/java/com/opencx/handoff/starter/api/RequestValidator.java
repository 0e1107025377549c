package com.opencx.handoff.starter.api;

import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffRequest.Customer;
import com.opencx.handoff.workflows.model.InboundMessage;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.TranscriptEntry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API's bad-input rules (SPEC §6), applied before anything reaches Temporal so that a caller
 * learns at once which field broke which rule. Session-level facts (unknown session, wrong channel,
 * handed off elsewhere) are not checked here: only OpenCX knows them, so the workflow's validate
 * step decides those and the handoff ends Rejected with the reason.
 */
public final class RequestValidator {

  /** One broken rule: the JSON path of the field and the rule in words. */
  @Schema(description = "One broken rule.")
  public record Violation(
      @Schema(description = "The field's JSON path.", example = "customer.phone") String field,
      @Schema(
              description = "The rule it broke, in words (never repeating the value).",
              example = "must start with + and the country code, e.g. +14155550100 (E.164)")
          String rule) {}

  public static final int MAX_SESSION_ID_LENGTH = 128;
  public static final int MAX_MEDIA_ITEMS = 20;
  public static final int MAX_PHONE_LENGTH = PhoneRule.MAX_LENGTH;
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_MEDIA_ID_LENGTH = 256;
  public static final int MAX_FILE_NAME_LENGTH = 255;

  /**
   * No timestamp of a WhatsApp message is older: one before it is a unit mistake (seconds read as
   * milliseconds) or a default value, and would close the template window at once.
   */
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  public static final int MAX_TRANSCRIPT_ENTRIES = 200;
  static final int MAX_TRANSCRIPT_BYTES = 64 * 1024;

  /** WhatsApp's limit on a text message's body. */
  public static final int MAX_MESSAGE_TEXT = 4096;

  /** The MIME types WhatsApp Business accepts for inbound media. */
  static final Set<String> WHATSAPP_MIME_TYPES = MediaItem.WHATSAPP_MIME_TYPES;

  /** What a session id may hold, as the OpenAPI description also states it. */
  public static final String SESSION_ID_PATTERN = "^[A-Za-z0-9_-]+$";

  private static final Pattern SESSION_ID = Pattern.compile(SESSION_ID_PATTERN);
  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
  private static final Pattern GUID = Pattern.compile(HandoffRequest.GUID_PATTERN);

  private static final String GUID_RULE =
      "must be a GUID like 5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f";

  private final Clock clock;

  public RequestValidator(Clock clock) {
    this.clock = clock;
  }

  public List<Violation> validate(HandoffRequest request) {
    List<Violation> violations = new ArrayList<>();
    checkSessionId(request.sessionId(), violations);
    if (request.customer() == null) {
      violations.add(new Violation("customer", "is required"));
    } else {
      checkPhone(request.customer().phone(), violations);
      String name = request.customer().name();
      if (name != null && name.length() > MAX_NAME_LENGTH) {
        violations.add(
            new Violation("customer.name", "must be at most " + MAX_NAME_LENGTH + " characters"));
      }
      String email = request.customer().email();
      if (email != null
          && !email.isBlank()
          && (email.length() > 254 || !EMAIL.matcher(email.trim()).matches())) {
        violations.add(
            new Violation("customer.email", "must be an email address like name@example.com"));
      }
    }
    if (request.summary() == null || request.summary().isBlank()) {
      violations.add(new Violation("summary", "must not be empty"));
    }
    checkNotInFuture("lastInboundAt", request.lastInboundAt(), violations);
    checkMedia(request.media(), violations);
    checkTranscript(request.transcript(), violations);
    if (request.workstreamId() != null && !GUID.matcher(request.workstreamId()).matches()) {
      violations.add(
          new Violation(
              "workstreamId", "must be a GUID like 5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f"));
    }
    return violations;
  }

  /**
   * The request as the workflow gets it, once {@link #validate(HandoffRequest)} passed: the phone
   * in E.164.
   */
  public HandoffRequest normalise(HandoffRequest request) {
    Customer customer = request.customer();
    return new HandoffRequest(
        request.sessionId(),
        request.channel(),
        new Customer(PhoneRule.e164(customer.phone()), customer.name(), customer.email()),
        request.summary(),
        request.lastInboundAt(),
        request.media(),
        request.workstreamId(),
        request.transcript());
  }

  public List<Violation> validate(InboundMessage message) {
    List<Violation> violations = new ArrayList<>();
    if (message.messageId() == null || message.messageId().isBlank()) {
      violations.add(new Violation("messageId", "is required"));
    } else if (message.messageId().length() > 256) {
      violations.add(new Violation("messageId", "must be at most 256 characters"));
    }
    checkNotInFuture("receivedAt", message.receivedAt(), violations);
    if (message.text() != null && message.text().length() > MAX_MESSAGE_TEXT) {
      violations.add(
          new Violation(
              "text", "must be at most " + MAX_MESSAGE_TEXT + " characters (WhatsApp's)"));
    }
    checkMedia(message.media(), violations);
    return violations;
  }

  /** SPEC §3.1: at most 200 entries and 64 KB of text in all, each from the customer or the AI. */
  private void checkTranscript(List<TranscriptEntry> transcript, List<Violation> violations) {
    if (transcript.size() > MAX_TRANSCRIPT_ENTRIES) {
      violations.add(
          new Violation("transcript", "must hold at most " + MAX_TRANSCRIPT_ENTRIES + " entries"));
      return;
    }
    long bytes = 0;
    for (int i = 0; i < transcript.size(); i++) {
      TranscriptEntry entry = transcript.get(i);
      String at = "transcript[" + i + "]";
      if (entry == null) {
        violations.add(new Violation(at, "must be an object"));
        continue;
      }
      if (!"customer".equals(entry.from()) && !"ai".equals(entry.from())) {
        violations.add(new Violation(at + ".from", "must be \"customer\" or \"ai\""));
      }
      if (entry.text() == null || entry.text().isBlank()) {
        violations.add(new Violation(at + ".text", "must not be empty"));
      } else {
        bytes += entry.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      }
      checkNotInFuture(at + ".at", entry.at(), violations);
    }
    if (bytes > MAX_TRANSCRIPT_BYTES) {
      violations.add(
          new Violation(
              "transcript", "must hold at most 64 KB of text in all, not " + bytes + " bytes"));
    }
  }

  static void checkWorkstreamId(String workstreamId, String field) {
    if (!GUID.matcher(workstreamId).matches()) {
      ApiErrors.throwIfInvalid(List.of(new Violation(field, GUID_RULE)));
    }
  }

  static void checkSessionId(String sessionId, List<Violation> violations) {
    if (sessionId == null || sessionId.isBlank()) {
      violations.add(new Violation("sessionId", "is required"));
    } else if (sessionId.length() > MAX_SESSION_ID_LENGTH) {
      violations.add(new Violation("sessionId", "must be at most 128 characters"));
    } else if (!SESSION_ID.matcher(sessionId).matches()) {
      violations.add(new Violation("sessionId", "may contain only letters, digits, '_' and '-'"));
    }
  }

  private static void checkPhone(String phone, List<Violation> violations) {
    if (phone == null || phone.isBlank()) {
      violations.add(new Violation("customer.phone", "is required"));
      return;
    }
    String problem = PhoneRule.problem(phone);
    if (problem != null) {
      violations.add(new Violation("customer.phone", problem));
    }
  }

  private void checkNotInFuture(String field, Instant at, List<Violation> violations) {
    if (at == null) {
      violations.add(new Violation(field, "is required (ISO-8601, e.g. 2026-11-24T10:15:30Z)"));
    } else if (at.isBefore(EARLIEST)) {
      violations.add(new Violation(field, "must not be before " + EARLIEST));
    } else if (at.isAfter(clock.instant().plus(CLOCK_SKEW))) {
      violations.add(new Violation(field, "must not be in the future (5 min clock skew allowed)"));
    }
  }

  private static void checkMedia(List<MediaItem> media, List<Violation> violations) {
    if (media.size() > MAX_MEDIA_ITEMS) {
      violations.add(new Violation("media", "must hold at most " + MAX_MEDIA_ITEMS + " items"));
      return;
    }
    for (int i = 0; i < media.size(); i++) {
      MediaItem item = media.get(i);
      String at = "media[" + i + "]";
      if (item == null) {
        violations.add(new Violation(at, "must not be null"));
        continue;
      }
      if (item.mediaId() == null || item.mediaId().isBlank()) {
        violations.add(new Violation(at + ".mediaId", "is required"));
      } else if (item.mediaId().length() > MAX_MEDIA_ID_LENGTH) {
        violations.add(
            new Violation(
                at + ".mediaId", "must be at most " + MAX_MEDIA_ID_LENGTH + " characters"));
      }
      checkFileName(item.fileName(), at + ".fileName", violations);
      if (item.mimeType() == null || !WHATSAPP_MIME_TYPES.contains(item.mimeType())) {
        violations.add(
            new Violation(
                at + ".mimeType",
                "must be one of WhatsApp's media types "
                    + "(e.g. image/jpeg, audio/ogg, application/pdf)"));
      }
      if (item.sizeBytes() != null && item.sizeBytes() < 0) {
        violations.add(new Violation(at + ".sizeBytes", "must not be negative"));
      }
    }
  }

  /**
   * The name becomes a note's file name in Dynamics and a header when the rep downloads it: a line
   * break could split that header, a separator could name a path.
   */
  private static void checkFileName(String fileName, String field, List<Violation> violations) {
    if (fileName == null) {
      return;
    }
    if (fileName.length() > MAX_FILE_NAME_LENGTH) {
      violations.add(
          new Violation(field, "must be at most " + MAX_FILE_NAME_LENGTH + " characters"));
    } else if (fileName.chars().anyMatch(c -> c == '\r' || c == '\n' || c == '/' || c == '\\')) {
      violations.add(new Violation(field, "must be a bare file name: no line breaks, '/' or '\\'"));
    }
  }
}
