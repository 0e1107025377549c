package com.opencx.handoff.workflows.model;

/** The {@code skip} Update's argument: give up the parked step, where it may be given up. */
public record SkipRequest(String operator) {}
