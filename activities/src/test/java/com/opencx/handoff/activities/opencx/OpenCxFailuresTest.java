package com.opencx.handoff.activities.opencx;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.workflows.activities.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenCxFailuresTest {

  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final String ROUTE = OpenCxClient.POST_HANDOFF;

  @Test
  void retryAfterReadsDeltaSecondsAndHttpDates() {
    assertThat(OpenCxFailures.retryAfter("7", NOW)).contains(Duration.ofSeconds(7));
    assertThat(OpenCxFailures.retryAfter(" 120 ", NOW)).contains(Duration.ofMinutes(2));
    assertThat(OpenCxFailures.retryAfter("Sat, 01 Mar 2025 12:00:30 GMT", NOW))
        .contains(Duration.ofSeconds(30));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "0", "-5", "soon", "Sat, 01 Mar 2025 11:59:00 GMT", "99999999999999999999"})
  void retryAfterIsEmptyWhenUnusableOrNotInTheFuture(String value) {
    assertThat(OpenCxFailures.retryAfter(value, NOW)).isEmpty();
    assertThat(OpenCxFailures.retryAfter(null, NOW)).isEmpty();
  }

  @Test
  void throttledCarriesTheNextRetryDelay() {
    ApplicationFailure failure = OpenCxFailures.forStatus(429, ROUTE, "3", NOW);

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_THROTTLED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(failure.getOriginalMessage()).contains("429").contains(ROUTE);
  }

  @Test
  void throttledWithoutRetryAfterLeavesTheDelayToThePolicy() {
    ApplicationFailure failure = OpenCxFailures.forStatus(429, ROUTE, null, NOW);

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_THROTTLED);
    assertThat(failure.getNextRetryDelay()).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 500, 502, 503, 504})
  void serverFailuresAreRetryableUnavailable(int status) {
    ApplicationFailure failure = OpenCxFailures.forStatus(status, ROUTE, null, NOW);

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains(String.valueOf(status)).contains(ROUTE);
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 400, 401, 403, 404, 409, 422})
  void refusalsAreNonRetryableRejectedCalls(int status) {
    ApplicationFailure failure = OpenCxFailures.forStatus(status, ROUTE, null, NOW);

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_REJECTED_CALL);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains(String.valueOf(status)).contains(ROUTE);
  }

  @Test
  void aClosedWindowNormalisesClosedAtToUtc() {
    ApplicationFailure failure =
        OpenCxFailures.windowClosed(OpenCxClient.POST_AGENT_MESSAGE, "2025-03-01T10:00:00+01:00");

    assertThat(failure.getType()).isEqualTo(FailureTypes.OPENCX_WINDOW_CLOSED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getDetails().get(String.class)).isEqualTo("2025-03-01T09:00:00Z");
    assertThat(failure.getOriginalMessage()).contains("closed at 2025-03-01T09:00:00Z");
  }

  @Test
  void theWindowTypeIsAmongTheNonRetryableOnes() {
    assertThat(FailureTypes.NON_RETRYABLE).contains(FailureTypes.OPENCX_WINDOW_CLOSED);
  }
}
