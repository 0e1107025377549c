package com.opencx.handoff.starter.codec;

import com.opencx.handoff.codec.HandoffDataConverter;
import com.opencx.handoff.codec.PayloadKeys;
import io.temporal.common.converter.DataConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's Temporal data converter, the same encrypting one the workers use: a start request,
 * signal or query the API sends is encrypted before it leaves the process, and what it reads back
 * is decrypted. The converter is also the one {@code PayloadCodec} bean, so the codec endpoint
 * decodes with exactly the keys that wrote the history. Without a valid key the API refuses to
 * start, naming the setting.
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
