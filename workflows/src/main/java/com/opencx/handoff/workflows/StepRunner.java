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
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs one runbook step and, when its activity's own retries are spent or it failed with a fixable
 * cause, parks the handoff in NeedsAttention instead of failing the workflow (SPEC §5.2): it shows
 * the step and error, waits for an operator's retry or skip, and retries by itself at an interval
 * until a deadline. A rejection of the session is not parked: it is the caller's to handle.
 */
final class StepRunner {

  /**
   * The runbook's own ways out of a step, caught by the workflow method; never a workflow failure.
   * The workflow turns one that escapes its endings into a plain failed run rather than a workflow
   * task that retries forever.
   */
  abstract static class Interrupt extends RuntimeException {
    Interrupt(String message) {
      super(message, null, false, false);
    }
  }

  /** Thrown when OpenCX closed the conversation: between steps, or while a step was parked. */
  static final class Stopped extends Interrupt {
    Stopped() {
      super("closed by OpenCX");
    }
  }

  /** Thrown when a required step stayed broken past the parking deadline. */
  static final class StepAbandoned extends Interrupt {
    StepAbandoned(Step step, String error) {
      super(EndReasons.abandoned(step.name(), error));
    }
  }

  /** Failures the caller turns into an ending of its own instead of a park. */
  private static final Set<String> DECIDED_BY_CALLER =
      Set.of(FailureTypes.SESSION_REJECTED, FailureTypes.OPENCX_CONFLICT);

  private final HandoffState state;
  private final Duration autoRetryEvery;
  private final Duration giveUpAfter;
  private final BooleanSupplier stopRequested;
  private OperatorDecision pending;
  private Promise<Void> autoRetry;
  private boolean ending;

  StepRunner(
      HandoffState state,
      Duration autoRetryEvery,
      Duration giveUpAfter,
      BooleanSupplier stopRequested) {
    this.state = state;
    this.stopRequested = stopRequested;
    this.autoRetryEvery = autoRetryEvery;
    this.giveUpAfter = giveUpAfter;
  }

  /**
   * An operator's retry or skip, delivered by signal; applies to whichever step is parked. One sent
   * while nothing is parked is dropped, so it cannot surprise a later, unrelated park.
   */
  void decide(OperatorDecision decision) {
    if (decision != null && state.phase() == Phase.NeedsAttention) {
      pending = decision;
    } else {
      Workflow.getLogger(StepRunner.class)
          .info(
              "ignored operator decision {}: nothing is parked",
              decision == null ? null : decision.action());
    }
  }

  /**
   * From now on the handoff is ending: its compensations (close the chat, tell OpenCX, audit) run
   * to the end even though OpenCX's close is pending, since stopping them is what a close asks.
   */
  void ending() {
    ending = true;
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
          String type = typeOf(failure); // null for cancellations and timeouts
          if (failure.getCause() instanceof CanceledFailure
              || (type != null && DECIDED_BY_CALLER.contains(type))) {
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
          OperatorDecision decision = awaitOperator(wait, optional);
          if (decision != null && decision.action() == OperatorDecision.Action.SKIP) {
            state.unpark();
            return null;
          }
          if (decision != null && decision.workstreamId() != null && !state.workItemCreated()) {
            state.retarget(decision.workstreamId()); // routing is fixed once the work item exists
          }
        }
      }
    } finally {
      pending = null; // a decision is for the park it was sent to, never a later one
      if (resumeTo == Step.TemplateWindow) {
        state.enterStep(resumeTo);
      }
    }
  }

  /**
   * Waits for a retry (or, on an optional step, a skip) and takes it; null when the automatic retry
   * came first.
   */
  private OperatorDecision awaitOperator(Duration wait, boolean optional) {
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

  private OperatorDecision awaitDecision(boolean optional) {
    while (true) {
      Workflow.await(() -> autoRetry.isCompleted() || pending != null || stopRequested());
      if (stopRequested()) {
        throw new Stopped(); // nothing to retry for: the conversation is over
      }
      OperatorDecision decision = pending;
      pending = null;
      if (decision == null) {
        return null;
      }
      if (decision.action() == OperatorDecision.Action.SKIP && !optional) {
        continue; // a required step cannot be skipped; keep waiting
      }
      return decision;
    }
  }

  private boolean stopRequested() {
    return !ending && stopRequested.getAsBoolean();
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
