package com.opencx.handoff.devstack;

import com.opencx.handoff.worker.verify.VerifyReport;

/**
 * The dev stack's {@code verify} lines, printed under its banner. A failure is a warning here, not
 * a reason to stop: the dev stack is where an operator rehearses failures (a revoked privilege, a
 * deleted workstream), and a stack that refused to start would leave nothing to look at.
 */
final class VerifyBanner {

  private VerifyBanner() {}

  static String section(VerifyReport report) {
    StringBuilder text =
        new StringBuilder("Verify (the worker's `verify` command, on this configuration):\n");
    report.lines().forEach(line -> text.append("  ").append(line).append('\n'));
    if (report.failed()) {
      text.append(
          "  WARNING: a check failed; the stack runs anyway, and handoffs will park on that step"
              + " until it is fixed\n");
    }
    return text.toString();
  }
}
