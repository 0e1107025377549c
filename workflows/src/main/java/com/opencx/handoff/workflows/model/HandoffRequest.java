package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The start document of a handoff. The HTTP API accepts exactly this JSON and a client using a
 * Temporal SDK sends it as the workflow's first argument, so the two entry points cannot drift.
 * {@code workstreamId} is optional: without it the worker's configured workstream is used; so is
 * {@code transcript}, the conversation before the handoff (at most 200 entries, 64 KB of text).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "The start document of a handoff (SPEC §3.1); unknown fields are ignored.")
public record HandoffRequest(
    @Schema(
            description = "OpenCX's session id: one handoff per session, ever.",
            requiredMode = Schema.RequiredMode.REQUIRED,
            maxLength = 128,
            pattern = "^[A-Za-z0-9_-]+$",
            example = "sess-2026-11-24-0001")
        String sessionId,
    @Schema(
            description =
                "The customer's channel. Not checked by the API: the workflow's validate step"
                    + " rejects a session that is not on WhatsApp.",
            example = "whatsapp")
        String channel,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Customer customer,
    @Schema(
            description = "What the AI agent learnt, for the rep.",
            requiredMode = Schema.RequiredMode.REQUIRED,
            minLength = 1,
            example = "Customer asks for a refund of order 1234.")
        String summary,
    @Schema(
            description =
                "When the customer last wrote: the 24-hour template window runs from here. ISO-8601,"
                    + " from 2000-01-01T00:00:00Z to 5 minutes after the API's clock.",
            requiredMode = Schema.RequiredMode.REQUIRED,
            example = "2026-11-24T10:15:30Z")
        Instant lastInboundAt,
    @ArraySchema(
            arraySchema = @Schema(description = "Media the customer sent, still held by OpenCX."),
            maxItems = 20)
        List<MediaItem> media,
    @Schema(
            description =
                "The Omnichannel workstream to route to (a GUID); without it, the worker's"
                    + " configured one.",
            format = "uuid",
            pattern = GUID_PATTERN,
            example = "5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f")
        String workstreamId,
    @ArraySchema(
            arraySchema =
                @Schema(
                    description =
                        "The conversation before the handoff, oldest first: at most 200 entries"
                            + " and 64 KB of text in all."),
            maxItems = 200)
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<TranscriptEntry> transcript) {

  /** A GUID as the API accepts it, for the documentation of the fields that hold one. */
  public static final String GUID_PATTERN =
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

  public HandoffRequest {
    media = media == null ? List.of() : List.copyOf(media);
    transcript = transcript == null ? List.of() : List.copyOf(transcript);
  }

  /** A request without a transcript (the field is optional, SPEC §3.1). */
  public HandoffRequest(
      String sessionId,
      String channel,
      Customer customer,
      String summary,
      Instant lastInboundAt,
      List<MediaItem> media,
      String workstreamId) {
    this(sessionId, channel, customer, summary, lastInboundAt, media, workstreamId, null);
  }

  /** The customer as OpenCX knows them; phone is required, the rest helps find the contact. */
  @Schema(description = "The customer as OpenCX knows them; the phone finds or links the contact.")
  public record Customer(
      @Schema(
              description =
                  "An international number as people write it: + and the country code, then"
                      + " digits with optional spaces, '-', '.', '(' and ')'; at most 32"
                      + " characters, no letters or extensions. It must be a valid number for its"
                      + " country (libphonenumber); the workflow gets it in E.164.",
              requiredMode = Schema.RequiredMode.REQUIRED,
              maxLength = 32,
              pattern = "^\\+[0-9 ().-]*$",
              example = "+14155550100")
          String phone,
      @Schema(description = "The customer's name.", maxLength = 200, example = "Ana Silva")
          String name,
      @Schema(
              description = "An email address; it is matched first when finding the contact.",
              format = "email",
              maxLength = 254,
              example = "ana@example.com")
          String email) {}
}
