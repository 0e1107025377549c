package com.opencx.handoff.starter;

import com.opencx.handoff.configuration.CodecProperties;
import com.opencx.handoff.configuration.InvalidConfigurationException;
import com.opencx.handoff.configuration.RecordProblems;
import com.opencx.handoff.starter.security.ApiProperties;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Checks the API's keys ({@code handoff.api.*}, {@code handoff.codec.*}) before any bean is
 * created, so that every bad or unknown key is reported together in Spring Boot's failure report,
 * tokens hidden; Spring's own {@code @Validated} binding would stop at the first record and print
 * the rejected values.
 */
@Component
class ConfigurationCheck implements BeanFactoryPostProcessor, EnvironmentAware {

  static final List<Class<?>> RECORDS = List.of(ApiProperties.class, CodecProperties.class);

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    List<String> problems = RecordProblems.of(environment, RECORDS);
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException("API", problems);
    }
  }
}
