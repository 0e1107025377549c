package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;

/** OpenCX's word that the conversation ended; the reason goes to the audit trail. */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "The end of the conversation; the body is optional.")
public record CloseRequest(
    @Schema(
            description = "For the audit trail; without it the outcome reads \"closed by OpenCX\".",
            example = "customer said goodbye")
        String reason) {}
