package com.opencx.handoff.activities.dynamics;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application users a worker's Dataverse requests go out as. Dataverse's limits are per
 * application user, so each has its own token, its own {@link RequestPacer} at the full budget and
 * its own {@link DataverseThrottle}; requests take them in turn, passing over one Dataverse has
 * asked to wait. Which user sends a write does not matter for exactly-once: every record has a
 * deterministic id and is created with {@code If-None-Match: *}.
 */
final class ApplicationUsers {

  /** One application user: how it authenticates, and its own share of the limits. */
  record User(int index, TokenProvider tokens, RequestPacer pacer, DataverseThrottle throttle) {}

  private final List<User> users = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();

  /**
   * {@code tokens.get(i)} authenticates user {@code i} and {@code throttles.get(i)} shares its
   * 429s; the first is the one configured as {@code dynamics.client-id}.
   */
  ApplicationUsers(
      DataverseSettings settings,
      List<TokenProvider> tokens,
      List<DataverseThrottle> throttles,
      MeterRegistry meters) {
    if (tokens.isEmpty() || tokens.size() != throttles.size()) {
      throw new IllegalArgumentException("one throttle per application user, and at least one");
    }
    for (int i = 0; i < tokens.size(); i++) {
      users.add(
          new User(
              i,
              tokens.get(i),
              new RequestPacer(
                  pacerName(i),
                  settings.requestsPerSecond(),
                  settings.maxConcurrentRequests(),
                  RequestPacer.MAX_WAIT,
                  throttles.get(i),
                  meters),
              throttles.get(i)));
    }
  }

  /** The Resilience4j name of user {@code i}'s limiter and bulkhead: {@code dataverse}, … */
  static String pacerName(int index) {
    return index == 0 ? "dataverse" : "dataverse-user-" + index;
  }

  int size() {
    return users.size();
  }

  /**
   * The next user in turn that Dataverse has not asked to wait; when all are held, the one whose
   * hold ends first (its pacer then fails the attempt with the wait as {@code Retry-After}).
   */
  User pick() {
    int start = Math.floorMod(next.getAndIncrement(), users.size());
    User soonest = null;
    Duration shortest = null;
    for (int i = 0; i < users.size(); i++) {
      User user = users.get((start + i) % users.size());
      Duration hold = user.throttle().holdFor();
      if (hold.isZero()) {
        return user;
      }
      if (shortest == null || hold.compareTo(shortest) < 0) {
        soonest = user;
        shortest = hold;
      }
    }
    return soonest;
  }
}
