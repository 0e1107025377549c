package com.opencx.handoff.operations;

/**
 * The workflow's validator refused an operator's Update; {@code type} is one of {@link
 * com.opencx.handoff.workflows.OperatorRefusals}' constants and the message says why and what to do
 * instead. Nothing was changed or recorded.
 */
public final class OperatorActionRefused extends RuntimeException {

  private final String type;

  public OperatorActionRefused(String type, String message) {
    super(message, null, false, false);
    this.type = type;
  }

  public String type() {
    return type;
  }
}
