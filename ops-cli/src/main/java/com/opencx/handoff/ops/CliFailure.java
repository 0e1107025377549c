package com.opencx.handoff.ops;

/**
 * A failure the command itself recognised and can name in one sentence, with the exit code that
 * says what kind it is. Thrown from anywhere below a subcommand; {@link Failures} prints it and
 * exits with its code, so no subcommand has to thread exit codes back by hand.
 */
final class CliFailure extends RuntimeException {

  private final int exitCode;
  private final String kind;

  private CliFailure(int exitCode, String kind, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
    this.kind = kind;
  }

  /** A bad option value or setting the parser could not see (address form, payload keys…). */
  static CliFailure usage(String message) {
    return new CliFailure(ExitCodes.USAGE, "usage", message);
  }

  /** No handoff with this session id, or none still running. */
  static CliFailure notFound(String message) {
    return new CliFailure(ExitCodes.NOT_RUNNING, "not_running", message);
  }

  /** Temporal, or the worker behind it, did not answer within the timeout. */
  static CliFailure noAnswer(String message) {
    return new CliFailure(ExitCodes.NO_ANSWER, "no_answer", message);
  }

  int exitCode() {
    return exitCode;
  }

  /** The {@code error} field of the {@code --json} error document. */
  String kind() {
    return kind;
  }
}
