package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.model.OperatorDecision;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Runs one runbook step and, when its activity's own retries are spent or it failed with a fixable
 * cause, parks the handoff in NeedsAttention instead of failing the workflow (SPEC §5.2): it shows
 * the step and error, waits for an operator's retry or skip, and retries by itself at an interval
 * until a deadline. A rejection of the session is not parked: it is the caller's to handle.
 */
final class StepRunner {

  /** Thrown when a required step stayed broken past the parking deadline. */
  static final class StepAbandoned extends RuntimeException {
    StepAbandoned(Step step, String error) {
      super("step " + step + " abandoned: " + error);
    }
  }

  private final HandoffState state;
  private final Duration autoRetryEvery;
  private final Duration giveUpAfter;
  private OperatorDecision pending;
  private Promise<Void> autoRetry;

  StepRunner(HandoffState state, Duration autoRetryEvery, Duration giveUpAfter) {
    this.state = state;
    this.autoRetryEvery = autoRetryEvery;
    this.giveUpAfter = giveUpAfter;
  }

  /**
   * An operator's retry or skip, delivered by signal; applies to whichever step is parked. One sent
   * while nothing is parked is dropped, so it cannot surprise a later, unrelated park.
   */
  void decide(OperatorDecision decision) {
    if (state.phase() == Phase.NeedsAttention) {
      pending = decision;
    } else {
      Workflow.getLogger(StepRunner.class)
          .info("ignored {}: nothing is parked (phase {})", decision.action(), state.phase());
    }
  }

  /** Runs a required step: it returns the step's result or throws StepAbandoned. */
  <T> T required(Step step, Supplier<T> call) {
    return run(step, false, call);
  }

  /** Runs an optional step (media, audit): an operator's skip or the deadline returns null. */
  <T> T optional(Step step, Supplier<T> call) {
    return run(step, true, call);
  }

  private <T> T run(Step step, boolean optional, Supplier<T> call) {
    Step resumeTo = state.step();
    state.enterStep(step);
    Instant parkedSince = null;
    try {
      while (true) {
        state.countAttempt();
        try {
          T result = call.get();
          state.unpark();
          return result;
        } catch (ActivityFailure failure) {
          if (FailureTypes.SESSION_REJECTED.equals(typeOf(failure))
              || failure.getCause() instanceof CanceledFailure) {
            throw failure;
          }
          parkedSince = parkedSince == null ? now() : parkedSince;
          Duration left = giveUpAfter.minus(Duration.between(parkedSince, now()));
          String error = describe(failure);
          if (left.isNegative() || left.isZero()) {
            state.unpark();
            if (optional) {
              return null;
            }
            throw new StepAbandoned(step, error);
          }
          Duration wait = left.compareTo(autoRetryEvery) < 0 ? left : autoRetryEvery;
          state.park(error, "in " + wait.toMinutes() + " min");
          if (awaitOperator(wait, optional) == OperatorDecision.Action.SKIP) {
            state.unpark();
            return null;
          }
          if (pending != null && pending.workstreamId() != null && !state.workItemCreated()) {
            state.retarget(pending.workstreamId()); // routing is fixed once the work item exists
          }
          pending = null;
        }
      }
    } finally {
      if (resumeTo == Step.TemplateWindow) {
        state.enterStep(resumeTo);
      }
    }
  }

  /** Waits for a retry (or, on an optional step, a skip); a timeout means retry by itself. */
  private OperatorDecision.Action awaitOperator(Duration wait, boolean optional) {
    Instant until = now().plus(wait);
    TimerOptions summary =
        TimerOptions.newBuilder()
            .setSummary("Parked at " + state.step() + ": automatic retry at " + until)
            .build();
    CancellationScope timerScope =
        Workflow.newCancellationScope(() -> autoRetry = Workflow.newTimer(wait, summary));
    timerScope.run();
    try {
      return awaitDecision(optional);
    } finally {
      if (!autoRetry.isCompleted()) {
        timerScope.cancel();
      }
    }
  }

  private OperatorDecision.Action awaitDecision(boolean optional) {
    while (true) {
      Workflow.await(() -> autoRetry.isCompleted() || pending != null);
      if (pending == null) {
        return OperatorDecision.Action.RETRY;
      }
      if (pending.action() == OperatorDecision.Action.SKIP && !optional) {
        pending = null; // a required step cannot be skipped; keep waiting
        continue;
      }
      return pending.action() == OperatorDecision.Action.SKIP
          ? OperatorDecision.Action.SKIP
          : OperatorDecision.Action.RETRY;
    }
  }

  static String typeOf(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure app ? app.getType() : null;
  }

  /** The root cause in one line, e.g. "DataverseNotFound: 404 ... workstream ...". */
  static String describe(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure app) {
      return app.getType() + ": " + app.getOriginalMessage();
    }
    if (cause instanceof TimeoutFailure timeout) {
      String last =
          timeout.getCause() instanceof ApplicationFailure app
              ? "; last error " + app.getType() + ": " + app.getOriginalMessage()
              : "";
      return "timed out (" + timeout.getTimeoutType() + ")" + last;
    }
    return cause == null ? failure.getMessage() : cause.getMessage();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
