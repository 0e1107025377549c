package com.opencx.handoff.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * One readable line per event, for the dev stack and for people reading a terminal: time, level,
 * thread, logger, message, then the ids a reader follows a handoff by ({@link LogContext}) in
 * brackets and any stack trace; the whole line passes {@link PiiMask}, like the JSON format.
 * Selected with {@code
 * logging.structured.format.console=com.opencx.handoff.logging.PlainLogFormatter}, so plain and
 * JSON lines go through the same encoder and the same mask.
 */
public class PlainLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

  private static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %5p [%15.15t] %-40.40logger{39} : %m%nopex";

  // The ids a reader follows a handoff by; JSON lines carry the whole MDC.
  private static final List<String> SHOWN =
      List.of(LogContext.SESSION_ID, "workflowId", "activityType", "attempt", "updateName");

  private final PatternLayout head = new PatternLayout();
  private final PatternLayout stackTrace = new PatternLayout();

  public PlainLogFormatter() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    start(head, PATTERN, context);
    start(stackTrace, "%ex", context);
  }

  private static void start(PatternLayout layout, String pattern, LoggerContext context) {
    layout.setContext(context);
    layout.setPattern(pattern);
    layout.start();
  }

  @Override
  public String format(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(head.doLayout(event));
    Map<String, String> ids = LogContext.of(event.getMDCPropertyMap());
    String shown =
        SHOWN.stream()
            .filter(ids::containsKey)
            .map(key -> key + "=" + ids.get(key))
            .collect(Collectors.joining(" "));
    if (!shown.isEmpty()) {
      line.append(" [").append(shown).append(']');
    }
    line.append(System.lineSeparator()).append(stackTrace.doLayout(event));
    return PiiMask.mask(line.toString());
  }
}
