package com.opencx.handoff.starter;

import com.opencx.handoff.configuration.CodecProperties;
import com.opencx.handoff.configuration.RecordProblems;
import com.opencx.handoff.configuration.StartupCheck;
import com.opencx.handoff.starter.security.ApiProperties;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The API's start-up check ({@link StartupCheck}) over its keys: {@code handoff.api.*} and {@code
 * handoff.codec.*}, tokens hidden.
 */
@Component
class ConfigurationCheck extends StartupCheck {

  static final List<Class<?>> RECORDS = List.of(ApiProperties.class, CodecProperties.class);

  ConfigurationCheck() {
    super("API");
  }

  @Override
  protected List<String> problems(Environment environment) {
    return RecordProblems.of(environment, RECORDS);
  }
}
