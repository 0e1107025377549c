package com.opencx.handoff.worker.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Starts the Temporal workers once the Temporal frontend answers, instead of at start-up. The
 * Temporal starter's own start ({@code spring.temporal.start-workers}, off in {@code
 * handoff-worker.yml}) asks the server for the namespace on the main thread and, when the server is
 * not up yet (a compose stack, a restart of both), fails the whole process with a long trace. Here
 * a background thread asks the same question ({@code DescribeNamespace}, the call {@link
 * WorkerFactory#start()} makes first) every {@code handoff.worker.temporal-retry-interval} and logs
 * one line per attempt until it succeeds, then starts the factory. Meanwhile the process is up and
 * its health reports Temporal DOWN. Set {@code handoff.worker.start-workers=false} to build the
 * workers without starting them (tests).
 */
@Component
@ConditionalOnProperty(name = "handoff.worker.start-workers", matchIfMissing = true)
public class TemporalWorkerStarter
    implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(TemporalWorkerStarter.class);
  private static final Duration PROBE_DEADLINE = Duration.ofSeconds(10);

  private final WorkerFactory factory;
  private final WorkflowServiceStubs stubs;
  private final Duration retryInterval;
  private final String target;
  private final String namespace;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("temporal-connect"));
  private volatile boolean connected;

  public TemporalWorkerStarter(
      WorkerFactory factory,
      WorkflowServiceStubs stubs,
      @Value("${handoff.worker.temporal-retry-interval:5s}") Duration retryInterval) {
    this.factory = factory;
    this.stubs = stubs;
    this.retryInterval = retryInterval;
    this.target = stubs.getOptions().getTarget();
    this.namespace = factory.getWorkflowClient().getOptions().getNamespace();
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    executor.execute(this::attempt);
  }

  /** True once the workers are polling. */
  public boolean connected() {
    return connected;
  }

  private void attempt() {
    try {
      // gRPC backs off reconnecting for up to two minutes; the server may be up by now.
      stubs.getRawChannel().resetConnectBackoff();
      stubs
          .blockingStub()
          .withDeadlineAfter(PROBE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
    } catch (StatusRuntimeException e) {
      log.warn("{}; retrying in {}", notReady(e.getStatus()), human(retryInterval));
      executor.schedule(this::attempt, retryInterval.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    try {
      factory.start();
    } catch (RuntimeException e) {
      // A factory starts once: after a failure here only a restart helps, so say it plainly.
      log.error(
          "Temporal at {} answered, but the workers did not start ({}); restart the worker",
          target,
          e.toString());
      return;
    }
    connected = true;
    log.info("Connected to Temporal at {} (namespace {}); workers are polling", target, namespace);
  }

  private String notReady(Status status) {
    return switch (status.getCode()) {
      case UNAVAILABLE, DEADLINE_EXCEEDED -> "Temporal at " + target + " is not reachable yet";
      case NOT_FOUND -> "Temporal at " + target + " has no namespace '" + namespace + "' yet";
      default ->
          "Temporal at "
              + target
              + " refused the worker ("
              + status.getCode()
              + (status.getDescription() == null ? "" : ": " + status.getDescription())
              + ")";
    };
  }

  private static String human(Duration interval) {
    long millis = interval.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
