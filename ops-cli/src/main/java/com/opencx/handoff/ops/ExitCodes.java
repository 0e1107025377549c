package com.opencx.handoff.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes scripts branch on. They separate what an operator does next: 1 means the workflow
 * looked and said no (read the reason, nothing changed), 3 that there is nothing running to act on,
 * 4 that nobody answered in time (the action may still apply: read the status before sending it
 * again), 2 that the command line itself is wrong. Listed under every command's {@code --help}.
 */
final class ExitCodes {

  static final int DONE = 0;
  static final int REFUSED = 1;
  static final int USAGE = 2;
  static final int NOT_RUNNING = 3;
  static final int NO_ANSWER = 4;
  static final int FAILED = 5;

  /** The {@code --help} list, in the order above. */
  static Map<String, String> help() {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put(" " + DONE, "done");
    codes.put(
        " " + REFUSED,
        "refused by the workflow (not parked, not skippable, already ending…); nothing changed");
    codes.put(" " + USAGE, "usage error: a bad option, argument or setting (the message names it)");
    codes.put(" " + NOT_RUNNING, "no such running handoff: never started, or already ended");
    codes.put(
        " " + NO_ANSWER,
        "Temporal or the worker did not answer within --timeout; an action may still apply");
    codes.put(" " + FAILED, "anything else");
    return codes;
  }

  private ExitCodes() {}
}
