package com.opencx.handoff.benchmarks.reference;

import io.temporal.activity.ActivityInterface;

/** The reference's only activity: it returns at once, so what remains is Temporal's own cost. */
@ActivityInterface
public interface NoopActivities {

  void noop();

  /** Registered on every task queue of the reference, and run as its local activities. */
  final class Impl implements NoopActivities {
    @Override
    public void noop() {}
  }
}
