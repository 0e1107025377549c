package com.opencx.handoff.worker.verify;

import java.util.List;

/**
 * Every check's result in the order they ran, and the exit code {@code verify} ends with: 0 when
 * nothing failed (warnings allowed), {@link #FAILED} otherwise.
 */
public record VerifyReport(List<CheckResult> results) {

  /** The exit code when at least one check failed. */
  public static final int FAILED = 1;

  public VerifyReport {
    results = List.copyOf(results);
  }

  public boolean failed() {
    return results.stream().anyMatch(r -> r.outcome() == Outcome.FAIL);
  }

  public int exitCode() {
    return failed() ? FAILED : 0;
  }

  /** One line per check. */
  public List<String> lines() {
    return results.stream().map(CheckResult::line).toList();
  }
}
