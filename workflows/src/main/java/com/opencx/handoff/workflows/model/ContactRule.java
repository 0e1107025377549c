package com.opencx.handoff.workflows.model;

/**
 * Which rule of contact resolution decided the outcome (SPEC §4.2). Only the first three and {@code
 * Created} link a contact; the ambiguous outcomes link none on purpose: no contact is better than a
 * wrong one.
 */
public enum ContactRule {
  Email,
  MobilePhone,
  Telephone1,
  Created,
  AmbiguousEmail,
  AmbiguousPhone,
  NoMatch;

  public boolean links() {
    return this == Email || this == MobilePhone || this == Telephone1 || this == Created;
  }
}
