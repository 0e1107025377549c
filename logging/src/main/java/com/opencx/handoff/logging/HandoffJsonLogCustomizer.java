package com.opencx.handoff.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;
import org.springframework.boot.json.JsonWriter.Members;
import org.springframework.boot.json.JsonWriter.NameProcessor;
import org.springframework.boot.json.JsonWriter.ValueProcessor;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Adapts Spring Boot's JSON log line (ECS, Logstash or GELF; {@code logging.structured.format.*})
 * to this service: the SDK's MDC keys are written under the names of {@link LogContext}, a
 * handoff's line gains {@code sessionId}, and every string value (message, stack trace, MDC) passes
 * {@link PiiMask}. Named by {@code logging.structured.json.customizer} in each application's YAML.
 */
public class HandoffJsonLogCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

  @Override
  public void customize(Members<Object> members) {
    members.add(LogContext.SESSION_ID, HandoffJsonLogCustomizer::derivedSessionId).whenNotNull();
    members.applyingNameProcessor(
        NameProcessor.of(name -> LogContext.TEMPORAL_NAMES.getOrDefault(name, name)));
    members.applyingValueProcessor(ValueProcessor.of(String.class, PiiMask::mask));
  }

  // Only when the MDC has none of its own, or the line would carry the key twice.
  private static String derivedSessionId(Object event) {
    if (!(event instanceof ILoggingEvent logEvent)) {
      return null;
    }
    Map<String, String> mdc = logEvent.getMDCPropertyMap();
    return mdc.containsKey(LogContext.SESSION_ID) ? null : LogContext.sessionId(mdc);
  }
}
