package com.opencx.handoff.activities.dynamics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RequestPacerTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void capsRequestsInFlight() throws Exception {
    RequestPacer pacer =
        new RequestPacer(
            "dataverse", 1000, 2, Duration.ofSeconds(10), DataverseThrottle.NONE, meters);
    RequestPacer.Permit first = pacer.acquire("GET contacts");
    RequestPacer.Permit second = pacer.acquire("GET contacts");

    CompletableFuture<RequestPacer.Permit> third =
        CompletableFuture.supplyAsync(() -> pacer.acquire("GET contacts"));
    Thread.sleep(100);
    assertThat(third).isNotDone();

    first.close();
    first.close(); // a second close must not free a second slot
    assertThat(third.get(5, TimeUnit.SECONDS)).isNotNull();
    CompletableFuture<RequestPacer.Permit> fourth =
        CompletableFuture.supplyAsync(() -> pacer.acquire("GET contacts"));
    Thread.sleep(100);
    assertThat(fourth).isNotDone();
    second.close();
    assertThat(fourth.get(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(meters.get("resilience4j.bulkhead.max.allowed.concurrent.calls").gauge().value())
        .isEqualTo(2);
  }

  @Test
  void aSpentBudgetFailsTheAttemptAsThrottledInsteadOfHoldingItsThread() {
    RequestPacer pacer =
        new RequestPacer("dataverse", 2, 48, Duration.ZERO, DataverseThrottle.NONE, meters);
    pacer.acquire("GET contacts").close();
    pacer.acquire("GET contacts").close();

    DataverseException third =
        catchThrowableOfType(DataverseException.class, () -> pacer.acquire("GET contacts"));

    assertThat(third.failureType()).isEqualTo("DataverseThrottled");
    assertThat(third.getMessage()).contains("budget is spent", "not sent");
    assertThat(third.retryAfter()).as("the retry policy's backoff decides").isNull();
  }

  @Test
  void whileTheDeploymentHoldsNothingIsSentAndTheAttemptRetriesAfterTheHold() {
    AtomicReference<Duration> hold = new AtomicReference<>(Duration.ofSeconds(7));
    DataverseThrottle throttle =
        new DataverseThrottle() {
          @Override
          public void throttled(Duration retryAfter) {}

          @Override
          public Duration holdFor() {
            return hold.get();
          }
        };
    RequestPacer pacer = new RequestPacer("dataverse", 1000, 48, Duration.ZERO, throttle, meters);

    DataverseException held =
        catchThrowableOfType(DataverseException.class, () -> pacer.acquire("POST $batch"));

    assertThat(held.status()).isEqualTo(429);
    assertThat(held.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(held.toApplicationFailure().getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    hold.set(Duration.ZERO);
    assertThat(pacer.acquire("POST $batch")).isNotNull();
  }
}
