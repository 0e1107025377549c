package com.opencx.handoff.emulators.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mutable bookkeeping behind an emulator's front door (request counter and log,
 * service-protection limits, armed faults), kept in one place so that both emulators count,
 * throttle and misbehave the same way.
 */
final class TrafficControl {

  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> log = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final List<ArmedFault> faults = new ArrayList<>();
  private final Deque<Long> admitted = new ArrayDeque<>();
  private volatile int maxConcurrent = Integer.MAX_VALUE;
  private int maxRequests = Integer.MAX_VALUE;
  private long windowNanos;
  private int rateRetryAfterSeconds;

  /** A fault with the number of matching requests it still applies to. */
  private static final class ArmedFault {
    final Fault fault;
    int remaining;

    ArmedFault(Fault fault) {
      this.fault = fault;
      this.remaining = fault.times();
    }
  }

  void countRequest() {
    requests.incrementAndGet();
  }

  int requestCount() {
    return requests.get();
  }

  synchronized void log(String line) {
    log.add(line);
  }

  synchronized List<String> requestLog() {
    return List.copyOf(log);
  }

  synchronized void resetCounters() {
    requests.set(0);
    log.clear();
  }

  void limitConcurrency(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    maxConcurrent = max;
  }

  int maxConcurrent() {
    return maxConcurrent;
  }

  synchronized void limitRequests(int max, Duration window, int retryAfterSeconds) {
    if (max < 1 || window.isNegative() || window.isZero() || retryAfterSeconds < 0) {
      throw new IllegalArgumentException("need max >= 1, a positive window, retryAfter >= 0");
    }
    maxRequests = max;
    windowNanos = window.toNanos();
    rateRetryAfterSeconds = retryAfterSeconds;
    admitted.clear();
  }

  synchronized int maxRequests() {
    return maxRequests;
  }

  synchronized long windowSeconds() {
    return Duration.ofNanos(windowNanos).toSeconds();
  }

  synchronized int rateRetryAfterSeconds() {
    return rateRetryAfterSeconds;
  }

  synchronized void clearFaultsAndLimits() {
    clearFaults();
    clearLimits();
  }

  /** Disarms every fault; returns how many were armed. */
  synchronized int clearFaults() {
    int armed = faults.size();
    faults.clear();
    return armed;
  }

  synchronized void clearLimits() {
    maxRequests = Integer.MAX_VALUE;
    admitted.clear();
    maxConcurrent = Integer.MAX_VALUE;
  }

  /** The armed faults in matching order, each with {@code times} = the uses it has left. */
  synchronized List<Fault> armedFaults() {
    return faults.stream().map(a -> a.fault.withTimes(a.remaining)).toList();
  }

  /** Takes a concurrency slot; false (and no slot) when the limit is reached. */
  boolean enter() {
    if (inFlight.incrementAndGet() > maxConcurrent) {
      inFlight.decrementAndGet();
      return false;
    }
    return true;
  }

  void leave() {
    inFlight.decrementAndGet();
  }

  /** Admits a request into the sliding window; false when the window is full. */
  synchronized boolean admit(long nowNanos) {
    if (maxRequests == Integer.MAX_VALUE) {
      return true;
    }
    while (!admitted.isEmpty() && nowNanos - admitted.peekFirst() >= windowNanos) {
      admitted.removeFirst();
    }
    if (admitted.size() >= maxRequests) {
      return false;
    }
    admitted.addLast(nowNanos);
    return true;
  }

  synchronized void arm(Fault fault) {
    faults.add(new ArmedFault(fault));
  }

  /** The first armed fault matching this request, spending one of its uses; or null. */
  synchronized Fault take(String method, String target) {
    return take(method, target, false);
  }

  /** Like {@link #take(String, String)}, for a request inside a {@code $batch}. */
  synchronized Fault takeInBatch(String method, String target) {
    return take(method, target, true);
  }

  private Fault take(String method, String target, boolean inBatch) {
    for (Iterator<ArmedFault> it = faults.iterator(); it.hasNext(); ) {
      ArmedFault armed = it.next();
      if (armed.fault.inBatch() == inBatch && armed.fault.matches(method, target)) {
        if (--armed.remaining == 0) {
          it.remove();
        }
        return armed.fault;
      }
    }
    return null;
  }
}
