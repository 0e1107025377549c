package com.opencx.handoff.activities.dynamics;

import java.util.concurrent.atomic.AtomicInteger;

/** A token provider that says how often it was asked for a fresh token. */
final class CountingTokens implements TokenProvider {

  final AtomicInteger refreshes = new AtomicInteger();
  private volatile String current = "token-0";

  @Override
  public String token() {
    return current;
  }

  @Override
  public String refresh() {
    current = "token-" + refreshes.incrementAndGet();
    return current;
  }
}
