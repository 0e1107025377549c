package com.opencx.handoff.benchmarks.reference;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The reference workflows' client and workers in the benchmark's JVM, on a Temporal server the
 * product uses too: a worker per task queue of the shape (the SDK's default options, as the
 * product's worker has), the no-op activities registered on each. A run is timed from its first
 * start to its last completion, each completion taken from a result future opened right after its
 * start, so no completion waits behind another's answer.
 */
public final class ReferenceRun implements AutoCloseable {

  /** The reference workflow's own task queue; the shape may add {@code <this>-dataverse}. */
  public static final String TASK_QUEUE = "handoff-reference";

  private final WorkflowServiceStubs service;
  private final WorkflowClient client;
  private WorkerFactory factory;
  private List<String> calls;

  public ReferenceRun(String target) {
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    client = WorkflowClient.newInstance(service);
  }

  /** A client of the same server, e.g. to read a product handoff's {@link HandoffShape}. */
  public WorkflowClient client() {
    return client;
  }

  /** Starts the workers for {@code shape} and runs one reference workflow to warm them up. */
  public void start(HandoffShape shape) throws Exception {
    calls = shape.callsOn(TASK_QUEUE);
    factory = WorkerFactory.newInstance(client);
    for (String queue : shape.queuesOn(TASK_QUEUE)) {
      Worker worker = factory.newWorker(queue);
      if (queue.equals(TASK_QUEUE)) {
        worker.registerWorkflowImplementationTypes(ReferenceWorkflowImpl.class);
      }
      worker.registerActivitiesImplementations(new NoopActivities.Impl());
    }
    factory.start();
    run("reference-warm-up", 1, 1);
  }

  /**
   * Nanos from the first start to the last completion of {@code count} reference workflows, started
   * {@code concurrency} at a time.
   */
  public long run(String prefix, int count, int concurrency) throws Exception {
    String tag = Long.toHexString(System.nanoTime());
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Future<CompletableFuture<Long>>> started = new ArrayList<>();
    long begin = System.nanoTime();
    for (int i = 0; i < count; i++) {
      String id = prefix + "-" + i + "-" + tag;
      started.add(pool.submit(() -> startOne(id)));
    }
    long last = begin;
    for (Future<CompletableFuture<Long>> start : started) {
      last = Math.max(last, start.get().get(10, TimeUnit.MINUTES));
    }
    pool.shutdown();
    return last - begin;
  }

  /** Starts one reference workflow; the future is the nano time it completed at. */
  private CompletableFuture<Long> startOne(String workflowId) {
    ReferenceWorkflow workflow =
        client.newWorkflowStub(
            ReferenceWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TASK_QUEUE)
                .setWorkflowRunTimeout(Duration.ofMinutes(10))
                .build());
    WorkflowClient.start(workflow::run, calls);
    return WorkflowStub.fromTyped(workflow)
        .getResultAsync(Void.class)
        .thenApply(ignored -> System.nanoTime());
  }

  @Override
  public void close() {
    if (factory != null) {
      factory.shutdownNow();
    }
    service.shutdownNow();
  }
}
