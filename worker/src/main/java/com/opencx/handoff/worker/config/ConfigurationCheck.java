package com.opencx.handoff.worker.config;

import com.opencx.handoff.configuration.InvalidConfigurationException;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Checks the whole configuration before any bean is created (a bean-factory post-processor runs
 * before the properties records bind), so that all bad keys are reported together: Spring Boot's
 * own {@code @Validated} binding stops at the first record that fails and hides the rest. The
 * records then bind and validate again as beans, with the same rules, and pass.
 */
@Component
class ConfigurationCheck implements BeanFactoryPostProcessor, EnvironmentAware {

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    List<String> problems = ConfigurationProblems.of(environment);
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException("worker", problems);
    }
  }
}
