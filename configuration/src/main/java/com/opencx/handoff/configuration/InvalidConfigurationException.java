package com.opencx.handoff.configuration;

import java.util.List;

/**
 * A process (the worker or the API) refuses to start because of its configuration: every problem
 * found, one line per key (see {@link RecordProblems}). {@link InvalidConfigurationFailureAnalyzer}
 * prints them in place of a stack trace. The lines never carry a secret.
 */
public final class InvalidConfigurationException extends IllegalArgumentException {

  private final String process;
  private final List<String> problems;

  public InvalidConfigurationException(String process, List<String> problems) {
    // Spring logs this message once more before the report; the report alone lists the keys.
    super(
        "The "
            + process
            + "'s configuration was refused: "
            + problems.size()
            + " problem(s), listed under APPLICATION FAILED TO START");
    this.process = process;
    this.problems = List.copyOf(problems);
  }

  /** "worker" or "API". */
  public String process() {
    return process;
  }

  /** One line per bad key. */
  public List<String> problems() {
    return problems;
  }
}
