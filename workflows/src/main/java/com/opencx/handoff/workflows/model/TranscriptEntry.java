package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * One line of the conversation before the handoff, as OpenCX recorded it: who said it ({@code
 * customer} or {@code ai}), what and when. On the Direct Line route the rep reads these before the
 * summary. Customer data: it travels only in encrypted payloads, never in the status document.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TranscriptEntry(String from, String text, Instant at) {}
