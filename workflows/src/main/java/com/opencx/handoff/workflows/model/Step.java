package com.opencx.handoff.workflows.model;

/**
 * The runbook's steps, in order, then the template-window watch. Names are wire values (status
 * document and the {@code HandoffStep} search attribute).
 */
public enum Step {
  ValidateSession,
  ResolveContact,
  CreateWorkItem,
  AttachMedia,
  MarkHandedOff,
  WriteAudit,
  TemplateWindow,
  Done;

  /** Media and audit may be skipped by an operator; the others are needed for a handoff. */
  public boolean isOptional() {
    return this == AttachMedia || this == WriteAudit;
  }
}
