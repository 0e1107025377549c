package com.opencx.handoff.workflows;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The one durable wait the runbook needs in two places (a parked step's automatic retry, the window
 * watch's next wake): a named timer that something else may cut short. A timer that was cut short
 * is cancelled, so the history shows it as such rather than firing later into nothing.
 */
final class Timers {

  private Timers() {}

  /**
   * Waits {@code wait} under a timer whose Temporal UI summary is {@code summary}, or until {@code
   * wakeUp} holds; returns true when the timer fired.
   */
  static boolean sleep(Duration wait, String summary, BooleanSupplier wakeUp) {
    if (wait.isNegative() || wait.isZero()) {
      return true;
    }
    TimerOptions options = TimerOptions.newBuilder().setSummary(summary).build();
    Promise<?>[] timer = new Promise<?>[1];
    CancellationScope scope =
        Workflow.newCancellationScope(() -> timer[0] = Workflow.newTimer(wait, options));
    scope.run();
    Workflow.await(() -> timer[0].isCompleted() || wakeUp.getAsBoolean());
    if (timer[0].isCompleted()) {
      return true;
    }
    scope.cancel();
    return false;
  }
}
