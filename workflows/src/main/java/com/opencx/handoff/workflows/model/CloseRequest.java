package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** OpenCX's word that the conversation ended; the reason goes to the audit trail. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloseRequest(String reason) {}
