package com.opencx.handoff.starter;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.opencx.handoff.starter.api.HandoffController;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The API's own log line about a start carries the session in its log context, the field the JSON
 * line names {@code sessionId} (logging module), although the session is in the body, not the path.
 */
class ApiLogLinesTest extends ApiTestSupport {

  private final Logger logger = (Logger) LoggerFactory.getLogger(HandoffController.class);
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();

  @BeforeEach
  void listen() {
    events.start();
    logger.addAppender(events);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(events);
  }

  @Test
  void theStartLineNamesItsSession() {
    String sessionId = newSessionId("logline");
    assertThat(start(sessionId).status()).isEqualTo(202);

    assertThat(events.list)
        .filteredOn(e -> e.getFormattedMessage().startsWith("handoff started for session"))
        .singleElement()
        .satisfies(e -> assertThat(e.getMDCPropertyMap()).containsEntry("sessionId", sessionId));
  }
}
