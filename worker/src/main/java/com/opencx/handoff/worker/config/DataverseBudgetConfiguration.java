package com.opencx.handoff.worker.config;

import com.opencx.handoff.worker.temporal.DataverseQueueWatch;
import com.opencx.handoff.worker.temporal.DataverseThrottles;
import com.opencx.handoff.workflows.HandoffWorkflow;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One Dataverse budget for the whole deployment, however many workers run. Dataverse calls are
 * activities on their own task queue ({@link HandoffWorkflow#dataverseTaskQueue}); every worker
 * polling it asks the Temporal server to hand out no more than {@code dynamics.requests-per-second}
 * of its tasks a second, counted by the server across all pollers, so a new replica needs no
 * division by N. Each worker also runs no more than {@code dynamics.max-concurrent-requests} of
 * them at once, and every 429 holds all workers ({@link DataverseThrottles}) for its {@code
 * Retry-After}. A Dataverse activity is one request, rarely more (an email that matches nothing
 * costs a second lookup); media transfers stay on the main queue, paced by each worker's limiter.
 * With {@code dynamics.additional-users} the budget and the cap grow with the number of users: each
 * has Dataverse limits of its own, and requests take the users in turn.
 */
@Configuration
public class DataverseBudgetConfiguration {

  static final String DATAVERSE_QUEUE =
      HandoffWorkflow.dataverseTaskQueue(HandoffWorkflow.TASK_QUEUE);

  @Bean
  WorkerOptionsCustomizer dataverseQueueLimits(DynamicsProperties dynamics) {
    return (options, workerName, taskQueue) ->
        DATAVERSE_QUEUE.equals(taskQueue)
            ? options
                .setMaxTaskQueueActivitiesPerSecond(
                    dynamics.requestsPerSecond() * dynamics.applicationUsers())
                .setMaxConcurrentActivityExecutionSize(
                    dynamics.maxConcurrentRequests() * dynamics.applicationUsers())
            : options;
  }

  @Bean
  DataverseQueueWatch dataverseQueueWatch(
      DataverseThrottles throttle, WorkerFactory factory, MeterRegistry registry) {
    return new DataverseQueueWatch(throttle, factory, registry);
  }
}
