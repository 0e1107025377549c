package com.opencx.handoff.starter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The parked gauge's schedule and its answers to a count that fails. */
class ParkedHandoffsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicLong parked = new AtomicLong(3);
  private final AtomicLong calls = new AtomicLong();
  private volatile boolean down;

  @Test
  void countsOnItsOwnScheduleNotPerScrapeAndKeepsTheLastCountWhenACountFails() {
    try (ParkedHandoffs gauge =
        new ParkedHandoffs(
            () -> {
              calls.incrementAndGet();
              if (down) {
                throw new IllegalStateException("UNAVAILABLE");
              }
              return parked.get();
            },
            registry,
            Duration.ofMillis(50))) {
      await(() -> value() == 3);
      long before = calls.get();
      for (int i = 0; i < 100; i++) {
        value(); // scrapes
      }
      assertThat(calls.get() - before).as("scrapes do not count").isLessThanOrEqualTo(2);

      down = true;
      await(() -> registry.get(ParkedHandoffs.FAILURES).counter().count() >= 2);
      assertThat(value()).isEqualTo(3);

      down = false;
      parked.set(0);
      await(() -> value() == 0);
    }
  }

  @Test
  void readsNaNUntilTheFirstCountSucceeds() {
    try (ParkedHandoffs gauge =
        new ParkedHandoffs(
            () -> {
              throw new IllegalStateException("UNIMPLEMENTED");
            },
            registry,
            Duration.ofMillis(50))) {
      await(() -> registry.get(ParkedHandoffs.FAILURES).counter().count() >= 1);
      assertThat(value()).isNaN();
    }
  }

  private double value() {
    return registry.get(ParkedHandoffs.GAUGE).gauge().value();
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not reached in 10 s").isLessThan(deadline);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
