package com.opencx.handoff.workflows.model;

/**
 * The runbook's steps, in order, then the template-window watch. Names are wire values (status
 * document and the {@code HandoffStep} search attribute). Which of them an operator may skip is not
 * a property of the step but of how it is run: the status says so ({@code skippable}) while one is
 * parked.
 */
public enum Step {
  ValidateSession,
  ResolveContact,
  CreateWorkItem,
  AttachMedia,
  MarkHandedOff,
  WriteAudit,
  RelayMessage,
  RelayReplies,
  TemplateWindow,
  Done
}
