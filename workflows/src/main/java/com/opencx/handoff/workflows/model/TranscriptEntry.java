package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One line of the conversation before the handoff, as OpenCX recorded it: who said it ({@code
 * customer} or {@code ai}), what and when. On the Direct Line route the rep reads these before the
 * summary. Customer data: it travels only in encrypted payloads, never in the status document.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "One line of the conversation before the handoff.")
public record TranscriptEntry(
    @Schema(
            description = "Who said it.",
            requiredMode = Schema.RequiredMode.REQUIRED,
            allowableValues = {"customer", "ai"})
        String from,
    @Schema(
            description = "What was said.",
            requiredMode = Schema.RequiredMode.REQUIRED,
            minLength = 1,
            example = "I want my money back.")
        String text,
    @Schema(
            description = "When (ISO-8601), not after 5 minutes past the API's clock.",
            requiredMode = Schema.RequiredMode.REQUIRED,
            example = "2026-11-24T10:14:02Z")
        Instant at) {}
