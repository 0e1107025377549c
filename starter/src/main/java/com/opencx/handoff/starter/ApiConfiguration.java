package com.opencx.handoff.starter;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.opencx.handoff.operations.HandoffOperations;
import com.opencx.handoff.starter.api.RequestValidator;
import com.opencx.handoff.starter.security.ApiProperties;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans the API needs beyond component scanning: the validator, the clock it checks against, the
 * stricter JSON reading the API's bad-input rules rely on, and the ops library the ops calls share
 * with the ops command.
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

  /**
   * The ops list and operator Updates, under the same deadline as the status query: an Update needs
   * a worker just as a query does, and the caller should hear so as soon.
   */
  @Bean(destroyMethod = "close")
  HandoffOperations handoffOperations(WorkflowClient client, ApiProperties properties) {
    return new HandoffOperations(client, properties.queryTimeout());
  }
}
