package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The {@code retry} Update's argument: run the parked step again now. {@code workstreamId}, when
 * given, re-targets the work item before it is created (a GUID); {@code operator} is who asked, for
 * the audit. From the CLI: {@code --input '{"workstreamId":"…","operator":"alice"}'}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetryRequest(String workstreamId, String operator) {}
