package com.opencx.handoff.activities.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpMetricsEventListener;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import okhttp3.EventListener;
import okhttp3.HttpUrl;

/**
 * One outside service's HTTP metrics (SPEC §7), named {@code handoff.http.client.*} and tagged
 * {@code client} (dataverse, directline, opencx): every request timed by Micrometer's OkHttp event
 * listener with its {@code method}, {@code status} (or {@code IO_ERROR}), {@code outcome} and the
 * path as a {@link PathTemplate} ({@code uri}), and, where a client honours {@code Retry-After},
 * each 429 and the wait it asked for. The wait itself happens as the activity's next retry delay,
 * so the timer records what the service asked for, which is what the activity then waits.
 */
public final class HttpClientMetrics {

  /** Timer per request: {@code client}, {@code method}, {@code uri}, {@code status}, ... */
  public static final String REQUESTS = "handoff.http.client.requests";

  /** Counter: answers 429 (throttled), by {@code client}. */
  public static final String THROTTLED = "handoff.http.client.throttled";

  /** Timer: the {@code Retry-After} a 429 asked for, by {@code client}. */
  public static final String RETRY_AFTER = "handoff.http.client.retry.after";

  private final MeterRegistry registry;
  private final String client;
  private final Counter throttled;
  private final Timer retryAfter;

  public HttpClientMetrics(MeterRegistry registry, String client) {
    this.registry = registry;
    this.client = client;
    this.throttled =
        Counter.builder(THROTTLED)
            .description("Answers 429 (throttled)")
            .tag("client", client)
            .register(registry);
    this.retryAfter =
        Timer.builder(RETRY_AFTER)
            .description("The Retry-After a 429 asked for, which the next attempt waits")
            .tag("client", client)
            .register(registry);
  }

  /** The listener to give the client's OkHttp builder; paths templated below {@code base}. */
  public EventListener listener(HttpUrl base, Set<String> collections) {
    return OkHttpMetricsEventListener.builder(registry, REQUESTS)
        .uriMapper(new PathTemplate(base, collections))
        .tags(java.util.List.of(Tag.of("client", client)))
        .build();
  }

  /** A 429; {@code wait} is its {@code Retry-After}, null when it sent none. */
  public void throttled(Duration wait) {
    throttled.increment();
    if (wait != null) {
      retryAfter.record(wait);
    }
  }

  /** Requests so far by status (lower case, e.g. {@code 200}, {@code io_error}). */
  public Map<String, Long> countsByStatus() {
    Map<String, Long> counts = new TreeMap<>();
    for (Timer timer : registry.find(REQUESTS).tag("client", client).timers()) {
      String status = timer.getId().getTag("status");
      counts.merge(status == null ? "unknown" : status.toLowerCase(), timer.count(), Long::sum);
    }
    counts.values().removeIf(count -> count == 0);
    return counts;
  }
}
