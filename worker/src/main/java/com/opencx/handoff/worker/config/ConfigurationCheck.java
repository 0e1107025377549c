package com.opencx.handoff.worker.config;

import com.opencx.handoff.configuration.StartupCheck;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The worker's start-up check ({@link StartupCheck}) over every key it reads: the properties
 * records and the rules that span prefixes ({@link ConfigurationProblems}).
 */
@Component
class ConfigurationCheck extends StartupCheck {

  ConfigurationCheck() {
    super("worker");
  }

  @Override
  protected List<String> problems(Environment environment) {
    return ConfigurationProblems.of(environment);
  }
}
