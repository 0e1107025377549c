package com.opencx.handoff.configuration;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns {@link InvalidConfigurationException} into Spring Boot's "APPLICATION FAILED TO START"
 * report: one line per bad key and what to do, instead of a stack trace an operator has to dig the
 * key out of. Registered in {@code META-INF/spring.factories}, the platform's hook for this.
 */
public class InvalidConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
    StringBuilder description =
        new StringBuilder("The " + cause.process() + "'s configuration was refused:");
    for (String problem : cause.problems()) {
      description.append("\n  - ").append(problem);
    }
    return new FailureAnalysis(
        description.toString(),
        "Fix each key above. Every key can be a property, an environment variable"
            + " (dynamics.client-secret -> DYNAMICS_CLIENT_SECRET) or a file named after the key"
            + " in HANDOFF_SECRETS_DIR; see README.md, Configuration.",
        null);
  }
}
