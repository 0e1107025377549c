package com.opencx.handoff.workflows.model;

/**
 * Where a handoff stands. The constant names are the wire values: they appear verbatim in the
 * status document, in the {@code HandoffStatus} search attribute and in ops queries such as {@code
 * HandoffStatus='NeedsAttention'}, hence the unusual casing.
 */
public enum Phase {
  InProgress,
  HandedOff,
  NeedsAttention,
  Rejected,
  Cancelled,
  Failed,
  Closed;

  public boolean isFinal() {
    return this == Rejected || this == Cancelled || this == Failed || this == Closed;
  }
}
