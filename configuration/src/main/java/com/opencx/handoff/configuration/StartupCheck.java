package com.opencx.handoff.configuration;

import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Checks a process's whole configuration before any bean is created (a bean-factory post-processor
 * runs before the properties records bind), so that every bad or unknown key is reported together
 * in Spring Boot's failure report, secrets hidden: Spring Boot's own {@code @Validated} binding
 * stops at the first record that fails, hides the rest and prints the rejected values. The records
 * then bind and validate again as beans, with the same rules, and pass. Each application declares
 * one as a component with the problems of its own keys.
 */
public abstract class StartupCheck implements BeanFactoryPostProcessor, EnvironmentAware {

  private final String process;
  private Environment environment;

  /** {@code process} names the refused process in the report ("worker", "API"). */
  protected StartupCheck(String process) {
    this.process = process;
  }

  /** Every problem with the configuration, one line each; empty when the process may start. */
  protected abstract List<String> problems(Environment environment);

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    List<String> problems = problems(environment);
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(process, problems);
    }
  }
}
