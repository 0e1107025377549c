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
  Done
}
