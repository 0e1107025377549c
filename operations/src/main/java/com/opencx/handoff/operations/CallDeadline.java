package com.opencx.handoff.operations;

import io.grpc.Context;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Temporal client call under a gRPC deadline. The SDK's blocking stubs honour the current
 * context's deadline and its retryer stops once that has passed, so a query no worker answers, or
 * an Update no worker takes up, fails after {@code limit} instead of after Temporal's own minute.
 * Shared by the API, the ops command and {@link HandoffOperations}, which all must answer in
 * bounded time.
 */
public final class CallDeadline implements AutoCloseable {

  private final Duration limit;

  /** Fires the deadlines; one daemon thread is plenty, it only cancels calls. */
  private final ScheduledExecutorService timer;

  public CallDeadline(Duration limit, String threadName) {
    this.limit = limit;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, threadName);
              thread.setDaemon(true);
              return thread;
            });
  }

  public Duration limit() {
    return limit;
  }

  public <T> T call(Callable<T> call) {
    Context.CancellableContext context =
        Context.current().withDeadlineAfter(limit.toMillis(), TimeUnit.MILLISECONDS, timer);
    try {
      return context.call(call);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      context.cancel(null);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
