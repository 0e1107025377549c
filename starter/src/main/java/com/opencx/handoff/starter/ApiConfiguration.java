package com.opencx.handoff.starter;

import com.opencx.handoff.starter.api.RequestValidator;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the API needs beyond component scanning: the validator and the clock it checks against. */
@Configuration
public class ApiConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  RequestValidator requestValidator(Clock clock) {
    return new RequestValidator(clock);
  }
}
