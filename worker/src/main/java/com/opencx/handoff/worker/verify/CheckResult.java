package com.opencx.handoff.worker.verify;

/**
 * One line of {@code verify}'s output: {@code PASS|WARN|FAIL|SKIP <check>: <what> [— fix: <how>]}.
 * The text names configuration keys, ids and HTTP statuses, never a secret or a token.
 *
 * @param check a short stable name ({@code token}, {@code whoami}, {@code workstream}, …)
 * @param what what was found
 * @param fix what an operator does about it; null when there is nothing to do
 */
public record CheckResult(Outcome outcome, String check, String what, String fix) {

  static CheckResult pass(String check, String what) {
    return new CheckResult(Outcome.PASS, check, what, null);
  }

  static CheckResult warn(String check, String what, String fix) {
    return new CheckResult(Outcome.WARN, check, what, fix);
  }

  static CheckResult fail(String check, String what, String fix) {
    return new CheckResult(Outcome.FAIL, check, what, fix);
  }

  static CheckResult skip(String check, String why) {
    return new CheckResult(Outcome.SKIP, check, why, null);
  }

  /** The printed line. */
  public String line() {
    return outcome + " " + check + ": " + what + (fix == null ? "" : " — fix: " + fix);
  }
}
