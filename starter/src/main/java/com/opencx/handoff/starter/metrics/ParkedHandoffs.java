package com.opencx.handoff.starter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code handoff.parked} gauge: how many handoffs wait in NeedsAttention, from Temporal's
 * visibility ({@link #QUERY}, one {@code CountWorkflowExecutions}) refreshed on its own schedule,
 * so a scrape never reaches Temporal and many scrapers cost nothing more. It lives in the API
 * rather than the worker because the API is the one process that is not scaled out (one query per
 * interval and one series whatever the number of workers) and it keeps counting while every worker
 * is down. Until the first count succeeds the gauge reads NaN, so an alert cannot fire on a number
 * nobody read; a failed refresh keeps the last count and adds to {@code
 * handoff.parked.refresh.failures}.
 */
public final class ParkedHandoffs implements AutoCloseable {

  /** Running handoffs parked in NeedsAttention (the {@code HandoffStatus} search attribute). */
  public static final String QUERY =
      "WorkflowType='HandoffWorkflow' AND ExecutionStatus='Running'"
          + " AND HandoffStatus='NeedsAttention'";

  static final String GAUGE = "handoff.parked";
  static final String FAILURES = "handoff.parked.refresh.failures";

  private static final Logger log = LoggerFactory.getLogger(ParkedHandoffs.class);

  private final LongSupplier count;
  private final Counter failures;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "parked-handoffs-gauge");
            thread.setDaemon(true);
            return thread;
          });
  private volatile double parked = Double.NaN;
  private volatile boolean failing;

  /** Counts with {@code count} now and then every {@code every}. */
  public ParkedHandoffs(LongSupplier count, MeterRegistry registry, Duration every) {
    this.count = count;
    Gauge.builder(GAUGE, this, gauge -> gauge.parked)
        .description("Running handoffs parked in NeedsAttention (from Temporal visibility)")
        .register(registry);
    this.failures =
        Counter.builder(FAILURES)
            .description("Failed refreshes of handoff.parked (it keeps its last count)")
            .register(registry);
    executor.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void refresh() {
    try {
      parked = count.getAsLong();
      if (failing) {
        log.info("Counting parked handoffs works again");
      }
      failing = false;
    } catch (RuntimeException e) {
      failures.increment();
      if (!failing) { // once per outage, not every interval
        log.warn("Could not count parked handoffs ({}); keeping the last count", e.toString());
      }
      failing = true;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
