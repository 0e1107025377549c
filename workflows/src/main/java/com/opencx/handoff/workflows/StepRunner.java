package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.model.OperatorDecision;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs one runbook step and, when its activity's own retries are spent or it failed with a fixable
 * cause, parks the handoff in NeedsAttention instead of failing the workflow (SPEC §5.2): it shows
 * the step and error, waits for an operator's retry or skip, and retries by itself at the policy's
 * interval until its deadline; operators' actions reach it through its {@link OperatorInbox}. A
 * rejection of the session, or another owner of it, is not parked: it ends the handoff.
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

  /**
   * The far side refused for good in a way that ends the handoff: OpenCX rejected the session
   * ({@link FailureTypes#SESSION_REJECTED}) or another work item owns it ({@link
   * FailureTypes#OPENCX_CONFLICT}). The workflow picks the ending by {@code type}.
   */
  static final class Refused extends Interrupt {
    final String type;

    Refused(String type, String reason) {
      super(reason);
      this.type = type;
    }
  }

  /** How a step ended, for the step latency metric's {@code result} tag. */
  static final String SUCCEEDED = "succeeded";

  static final String SKIPPED = "skipped";
  static final String ABANDONED = "abandoned";
  static final String INTERRUPTED = "interrupted";

  /** Failures the caller turns into an ending of its own instead of a park. */
  private static final Set<String> DECIDED_BY_CALLER =
      Set.of(FailureTypes.SESSION_REJECTED, FailureTypes.OPENCX_CONFLICT);

  private final HandoffState state;
  private final BooleanSupplier stopRequested;
  private final OperatorInbox inbox;
  private boolean ending;

  StepRunner(HandoffState state, BooleanSupplier stopRequested) {
    this.state = state;
    this.stopRequested = stopRequested;
    this.inbox = new OperatorInbox(state);
  }

  /** Where operators' retries and skips for the parked step arrive. */
  OperatorInbox inbox() {
    return inbox;
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

  /** Runs an optional step (audit, window updates, an ending's notices): a skip returns null. */
  <T> T optional(Step step, Supplier<T> call) {
    return run(step, true, call);
  }

  private <T> T run(Step step, boolean optional, Supplier<T> call) {
    Step resumeTo = state.step();
    state.enterStep(step);
    Instant parkedSince = null;
    long enteredAt = Workflow.currentTimeMillis();
    String result = null; // how it ended; none when the SDK evicts the workflow (an Error)
    try {
      while (true) {
        state.countAttempt();
        HandoffMetrics.attempt(step);
        try {
          T answer = call.get();
          state.unpark();
          result = SUCCEEDED;
          return answer;
        } catch (ActivityFailure failure) {
          String type = typeOf(failure); // null for cancellations and timeouts
          if (failure.getCause() instanceof CanceledFailure) {
            throw failure;
          }
          if (type != null && DECIDED_BY_CALLER.contains(type)) {
            throw new Refused(type, ((ApplicationFailure) failure.getCause()).getOriginalMessage());
          }
          parkedSince = parkedSince == null ? now() : parkedSince;
          Duration left =
              state.policy().parkedGiveUpAfter().minus(Duration.between(parkedSince, now()));
          String error = describe(failure);
          if (left.isNegative() || left.isZero()) {
            state.unpark();
            result = ABANDONED;
            if (optional) {
              return null;
            }
            throw new StepAbandoned(step, error);
          }
          Duration every = state.policy().parkedRetryEvery();
          Duration wait = left.compareTo(every) < 0 ? left : every;
          state.park(error, errorType(failure), "in " + wait.toMinutes() + " min", optional);
          OperatorDecision decision = awaitOperator(wait, optional);
          if (decision != null && decision.action() == OperatorDecision.Action.SKIP) {
            state.unpark();
            result = SKIPPED;
            return null;
          }
          if (decision != null && decision.workstreamId() != null && !state.workItemCreated()) {
            state.retarget(decision.workstreamId()); // routing is fixed once the work item exists
          }
        }
      }
    } catch (RuntimeException interrupted) { // a close, cancel or refusal
      result = result == null ? INTERRUPTED : result;
      throw interrupted;
    } finally {
      if (result != null) {
        HandoffMetrics.stepEnded(step, result, Workflow.currentTimeMillis() - enteredAt);
      }
      inbox.clear(); // a decision is for the park it was sent to, never a later one
      if (resumeTo == Step.TemplateWindow) {
        state.enterStep(resumeTo);
      }
    }
  }

  /**
   * Waits for an operator's retry or skip and takes it; null when the automatic retry came first.
   */
  private OperatorDecision awaitOperator(Duration wait, boolean optional) {
    Instant until = now().plus(wait);
    inbox.open(optional);
    try {
      Timers.sleep(
          wait,
          "Parked at " + state.step() + ": automatic retry at " + until,
          () -> inbox.hasDecision() || stopRequested());
    } finally {
      inbox.shut();
    }
    if (stopRequested()) {
      throw new Stopped(); // nothing to retry for: the conversation is over
    }
    return inbox.take();
  }

  private boolean stopRequested() {
    return !ending && stopRequested.getAsBoolean();
  }

  static String typeOf(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure app ? app.getType() : null;
  }

  /**
   * The parked step's failure type for the {@code HandoffErrorType} search attribute: the
   * activity's failure type, or what timed out; never a message (it may hold customer data).
   */
  static String errorType(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure app) {
      return app.getType();
    }
    if (cause instanceof TimeoutFailure timeout) {
      return timeout.getCause() instanceof ApplicationFailure last ? last.getType() : "Timeout";
    }
    return cause == null ? "Unknown" : cause.getClass().getSimpleName();
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
