package com.opencx.handoff.workflows.model;

/**
 * The {@code retry} Update's argument: run the parked step again now. {@code workstreamId}, when
 * given, re-targets the work item before it is created (a GUID); {@code operator} is who asked, for
 * the audit. From the CLI: {@code --input '{"workstreamId":"…","operator":"alice"}'}.
 */
public record RetryRequest(String workstreamId, String operator) {}
