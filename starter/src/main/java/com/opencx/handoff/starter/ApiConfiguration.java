package com.opencx.handoff.starter;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.opencx.handoff.starter.api.RequestValidator;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans the API needs beyond component scanning: the validator, the clock it checks against, and
 * the stricter JSON reading the API's bad-input rules rely on.
 */
@Configuration
public class ApiConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * A repeated key is refused rather than letting the last one win: two values for one field mean
   * the caller's document is not what it thinks it sent. A null inside a list is refused while
   * reading, where its index is still known (the records' {@code List.copyOf} would fail later with
   * no field to name).
   */
  @Bean
  Jackson2ObjectMapperBuilderCustomizer strictJson() {
    return builder ->
        builder
            .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .postConfigurer(
                mapper ->
                    mapper
                        .configOverride(List.class)
                        .setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)));
  }

  @Bean
  RequestValidator requestValidator(Clock clock) {
    return new RequestValidator(clock);
  }
}
