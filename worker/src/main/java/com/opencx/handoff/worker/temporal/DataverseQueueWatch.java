package com.opencx.handoff.worker.temporal;

import com.opencx.handoff.workflows.HandoffWorkflow;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Once a second, asks {@link DataverseThrottles} whether the deployment holds its Dataverse
 * requests (every application user's) and, while it does, suspends this worker's polling of the
 * Dataverse task queue: no new Dataverse task starts anywhere while any worker's 429 lasts, and
 * none sits in a thread waiting. Gauge {@code handoff_dataverse_held}: 1 while this worker holds.
 */
public class DataverseQueueWatch
    implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DataverseQueueWatch.class);

  private final DataverseThrottles throttle;
  private final WorkerFactory factory;
  private final String queue = HandoffWorkflow.dataverseTaskQueue(HandoffWorkflow.TASK_QUEUE);
  private volatile boolean held;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("dataverse-queue-watch"));

  public DataverseQueueWatch(
      DataverseThrottles throttle, WorkerFactory factory, MeterRegistry registry) {
    this.throttle = throttle;
    this.factory = factory;
    Gauge.builder("handoff.dataverse.held", () -> held ? 1 : 0)
        .description("1 while Dataverse has asked the deployment to wait (a 429's Retry-After)")
        .register(registry);
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    executor.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * One look at the deployment's hold. The worker's own state is kept here: a worker with no
   * workflow types reports itself suspended whether it polls or not ({@code Worker.isSuspended}).
   */
  synchronized void check() {
    boolean now = throttle.refresh();
    Worker worker = factory.tryGetWorker(queue);
    if (now == held || worker == null || !factory.isStarted()) {
      return;
    }
    if (now) {
      worker.suspendPolling();
      log.warn("Dataverse asked the deployment to wait: this worker takes no Dataverse tasks");
    } else {
      worker.resumePolling();
      log.info("Dataverse's wait is over: this worker takes Dataverse tasks again");
    }
    held = now;
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
