package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The {@code skip} Update's argument: give up the parked step, where it may be given up. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SkipRequest(String operator) {}
