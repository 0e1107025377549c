package com.opencx.handoff.activities.dynamics;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this process under Dataverse's service-protection limits before Dataverse has to answer
 * 429: a token bucket of {@code requestsPerSecond} (bursts up to one second's worth) and a cap on
 * requests in flight (Dataverse fails the 53rd concurrent request of an application user at once).
 * One pacer lives in the single {@link DataverseClient}, so every activity of the worker shares it.
 */
final class RequestPacer {

  /** Releases the in-flight slot; closing twice is harmless. */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private final Semaphore inFlight;
  private final double perNano;
  private final double capacity;
  private double tokens;
  private long last;

  RequestPacer(int requestsPerSecond, int maxConcurrent) {
    this.inFlight = new Semaphore(maxConcurrent, true);
    this.perNano = requestsPerSecond / 1e9;
    this.capacity = requestsPerSecond;
    this.tokens = capacity;
    this.last = System.nanoTime();
  }

  /** Waits for the rate budget, then for a free slot. */
  Permit acquire() throws InterruptedException {
    long waitNanos;
    synchronized (this) {
      long now = System.nanoTime();
      tokens = Math.min(capacity, tokens + (now - last) * perNano);
      last = now;
      tokens -= 1;
      waitNanos = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
    }
    if (waitNanos > 0) {
      TimeUnit.NANOSECONDS.sleep(waitNanos);
    }
    inFlight.acquire();
    boolean[] released = {false};
    return () -> {
      synchronized (released) {
        if (!released[0]) {
          released[0] = true;
          inFlight.release();
        }
      }
    };
  }
}
