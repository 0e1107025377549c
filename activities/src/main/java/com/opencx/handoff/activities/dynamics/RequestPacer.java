package com.opencx.handoff.activities.dynamics;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * One application user's guard in front of Dataverse in this process, under the deployment's shared
 * budget (the Dataverse task queue's server-side rate limit, which paces the activities of every
 * worker): no more than the whole budget a second from this process (Resilience4j {@link
 * RateLimiter}, for the calls the queue does not pace: the daily closed check, the Direct Line
 * route's routing wait, media blocks), no more than {@code maxConcurrent} requests in flight (a
 * {@link Bulkhead}: Dataverse fails the 53rd concurrent request of an application user at once),
 * and nothing at all while Dataverse has asked the deployment to wait ({@link DataverseThrottle}).
 * Its metrics are Resilience4j's ({@code resilience4j_ratelimiter_*}, {@code
 * resilience4j_bulkhead_*}, name {@code dataverse}, or {@code dataverse-user-<n>} for a pool's
 * further application users). There is one per application user: Dataverse's limits are each user's
 * own.
 */
final class RequestPacer {

  /** How long a request waits for the rate or a slot before its attempt fails (and retries). */
  static final Duration MAX_WAIT = Duration.ofSeconds(30);

  /** Releases the in-flight slot; closing twice is harmless. */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private final RateLimiter rate;
  private final Bulkhead inFlight;
  private final DataverseThrottle throttle;

  private final Duration maxWait;

  RequestPacer(
      String name,
      int requestsPerSecond,
      int maxConcurrent,
      Duration maxWait,
      DataverseThrottle throttle,
      MeterRegistry meters) {
    this.maxWait = maxWait;
    RateLimiterRegistry rates =
        RateLimiterRegistry.of(
            RateLimiterConfig.custom()
                .limitForPeriod(requestsPerSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(maxWait)
                .build());
    BulkheadRegistry slots =
        BulkheadRegistry.of(
            BulkheadConfig.custom()
                .maxConcurrentCalls(maxConcurrent)
                .maxWaitDuration(maxWait)
                .fairCallHandlingStrategyEnabled(true)
                .build());
    this.rate = rates.rateLimiter(name);
    this.inFlight = slots.bulkhead(name);
    this.throttle = throttle;
    TaggedRateLimiterMetrics.ofRateLimiterRegistry(rates).bindTo(meters);
    TaggedBulkheadMetrics.ofBulkheadRegistry(slots).bindTo(meters);
  }

  /**
   * Waits for the rate budget, then for a free slot. Fails at once, as a 429 with the wait as its
   * {@code Retry-After}, while the deployment holds its requests; as a 429 without one when the
   * budget or a slot is not free within {@code maxWait} ({@link #MAX_WAIT} in production): the
   * attempt's retry waits instead of a thread.
   */
  Permit acquire(String operation) {
    Duration hold = throttle.holdFor();
    if (!hold.isZero()) {
      throw paced(operation, "held: Dataverse asked this deployment to wait", hold);
    }
    if (!rate.acquirePermission()) {
      throw paced(operation, "this worker's request budget is spent", null);
    }
    if (!inFlight.tryAcquirePermission()) {
      throw paced(operation, "no free request slot in " + maxWait.toMillis() + " ms", null);
    }
    boolean[] released = {false};
    return () -> {
      synchronized (released) {
        if (!released[0]) {
          released[0] = true;
          inFlight.onComplete();
        }
      }
    };
  }

  private static DataverseException paced(String operation, String why, Duration retryAfter) {
    return new DataverseException(429, "", why + " (not sent)", operation, retryAfter, null);
  }
}
