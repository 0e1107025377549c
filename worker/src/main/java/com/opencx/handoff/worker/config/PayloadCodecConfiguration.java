package com.opencx.handoff.worker.config;

import com.opencx.handoff.codec.HandoffDataConverter;
import com.opencx.handoff.codec.PayloadKeys;
import io.temporal.common.converter.DataConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's Temporal data converter: every payload it writes (activity inputs and results,
 * signals, queries, failures) is encrypted with the configured keys, and every one it reads is
 * decrypted. Temporal's Spring Boot starter picks this bean up for the client and the workers. The
 * keys are checked with the rest of the configuration by {@link ConfigurationCheck} ({@code
 * CodecProperties}).
 */
@Configuration(proxyBeanMethods = false)
class PayloadCodecConfiguration {

  @Bean
  DataConverter dataConverter(
      @Value("${" + PayloadKeys.KEYS_SETTING + ":}") String keys,
      @Value("${" + PayloadKeys.ACTIVE_SETTING + ":}") String activeKey) {
    return HandoffDataConverter.create(PayloadKeys.parse(keys, activeKey));
  }
}
