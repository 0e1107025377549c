package com.opencx.handoff.worker.config;

import java.util.List;

/**
 * The worker refuses to start because of its configuration: every problem found, one line per key
 * (see {@link ConfigurationProblems}). {@link InvalidConfigurationFailureAnalyzer} prints them in
 * place of a stack trace. The lines never carry a secret.
 */
public final class InvalidConfigurationException extends IllegalArgumentException {

  private final List<String> problems;

  InvalidConfigurationException(List<String> problems) {
    // Spring logs this message once more before the report; the report alone lists the keys.
    super(
        "The worker's configuration was refused: "
            + problems.size()
            + " problem(s), listed under APPLICATION FAILED TO START");
    this.problems = List.copyOf(problems);
  }

  /** One line per bad key. */
  public List<String> problems() {
    return problems;
  }
}
