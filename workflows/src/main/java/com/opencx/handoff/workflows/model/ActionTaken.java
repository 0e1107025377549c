package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an accepted operator Update did, returned to whoever sent it: the action, the step it
 * applied to and one sentence an operator can read, e.g. "retrying CreateWorkItem now on workstream
 * …".
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "What an accepted operator action did.")
public record ActionTaken(String action, Step step, String message) {}
