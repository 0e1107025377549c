package com.opencx.handoff.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.opencx.handoff.codec.HandoffDataConverter;
import com.opencx.handoff.codec.PayloadKeys;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.HandoffSearchAttributes;
import com.opencx.handoff.workflows.HandoffWorkflow;
import com.opencx.handoff.workflows.HandoffWorkflowImpl;
import com.opencx.handoff.workflows.OperatorRefusals;
import com.opencx.handoff.workflows.activities.AuditActivities;
import com.opencx.handoff.workflows.activities.DynamicsActivities;
import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactMatch;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemCreated;
import com.opencx.handoff.workflows.activities.MediaActivities;
import com.opencx.handoff.workflows.activities.PolicyActivities;
import com.opencx.handoff.workflows.activities.SessionActivities;
import com.opencx.handoff.workflows.activities.SessionActivities.ValidatedSession;
import com.opencx.handoff.workflows.model.CancelRequest;
import com.opencx.handoff.workflows.model.ContactRule;
import com.opencx.handoff.workflows.model.HandoffPolicy;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.RetryRequest;
import com.opencx.handoff.workflows.model.SkipRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator Updates through {@link HandoffOperations} against Temporal's in-process test server
 * and the real workflow, through the service's own data converter: a refusal arrives as {@link
 * OperatorActionRefused} with the validator's type and reason, an unknown session as {@link
 * HandoffNotRunning}, and an Update no worker takes up as {@link WorkerDidNotAnswer} once the
 * deadline passes. The visibility list needs a real server: it is covered by the dev-stack and
 * ops-command e2e suites.
 */
class HandoffOperationsTest {

  private TestWorkflowEnvironment env;
  private HandoffOperations operations;

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(
                            HandoffDataConverter.create(
                                PayloadKeys.parse(
                                    "test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", null)))
                        .build())
                .build());
    for (var key : HandoffSearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), key.getValueType());
    }
    operations = new HandoffOperations(env.getWorkflowClient(), Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    operations.close();
    env.close();
  }

  @Test
  void aRefusalComesBackWithTheValidatorsTypeAndReason() {
    worker("workers-up");
    env.start();
    startHandoff("s-ops-1", "workers-up");
    awaitPhase("s-ops-1", Phase.HandedOff);

    assertThatThrownBy(() -> operations.skip("s-ops-1", new SkipRequest("ops")))
        .isInstanceOfSatisfying(
            OperatorActionRefused.class,
            refused -> {
              assertThat(refused.type()).isEqualTo(OperatorRefusals.NOT_PARKED);
              assertThat(refused.getMessage()).startsWith("nothing to be skipped: the handoff is");
            });
    assertThat(operations.cancel("s-ops-1", new CancelRequest("done", false, "ops")).message())
        .isEqualTo("cancelling: cancelled by ops: done");
  }

  @Test
  void aSessionNeverStartedIsNotRunning() {
    env.start();
    assertThatThrownBy(() -> operations.retry("s-never", new RetryRequest(null, "ops")))
        .isInstanceOf(HandoffNotRunning.class);
  }

  @Test
  void anUpdateNoWorkerTakesUpStopsAtTheDeadline() {
    env.start(); // nothing polls "nobody-polls"
    startHandoff("s-ops-2", "nobody-polls");
    assertThatThrownBy(() -> operations.retry("s-ops-2", new RetryRequest(null, "ops")))
        .isInstanceOf(WorkerDidNotAnswer.class)
        .hasMessageContaining("within 2000 ms");
  }

  @Test
  void pageSizeAndCursorAreChecked() {
    assertThatThrownBy(() -> operations.list(null, 0, null))
        .hasMessage("pageSize must be 1-" + HandoffOperations.MAX_PAGE_SIZE);
    assertThatThrownBy(() -> operations.list(null, 10, "not base64!"))
        .hasMessage("cursor is not one this list returned");
  }

  private void worker(String taskQueue) {
    Worker worker = env.newWorker(taskQueue);
    worker.registerWorkflowImplementationTypes(HandoffWorkflowImpl.class);
    SessionActivities sessions = mock(SessionActivities.class, withSettings().withoutAnnotations());
    when(sessions.validateSession(any()))
        .thenReturn(new ValidatedSession("+14155550100", null, null));
    DynamicsActivities dynamics =
        mock(DynamicsActivities.class, withSettings().withoutAnnotations());
    when(dynamics.resolveContact(any())).thenReturn(new ContactMatch(null, ContactRule.NoMatch));
    when(dynamics.createWorkItem(any())).thenReturn(new WorkItemCreated("w", false));
    PolicyActivities policy = mock(PolicyActivities.class, withSettings().withoutAnnotations());
    when(policy.handoffPolicy()).thenReturn(HandoffPolicy.DEFAULTS);
    MediaActivities media = mock(MediaActivities.class, withSettings().withoutAnnotations());
    worker.registerActivitiesImplementations(
        sessions,
        dynamics,
        media,
        mock(AuditActivities.class, withSettings().withoutAnnotations()),
        policy);
    env.newWorker(HandoffWorkflow.dataverseTaskQueue(taskQueue))
        .registerActivitiesImplementations(dynamics, media);
  }

  private void startHandoff(String sessionId, String taskQueue) {
    HandoffRequest request =
        new HandoffRequest(
            sessionId,
            "whatsapp",
            new HandoffRequest.Customer("+14155550100", null, null),
            "summary",
            Instant.ofEpochMilli(env.currentTimeMillis()),
            List.of(),
            null);
    HandoffWorkflow handoff =
        env.getWorkflowClient()
            .newWorkflowStub(
                HandoffWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(HandoffIds.workflowId(sessionId))
                    .setTaskQueue(taskQueue)
                    .setTypedSearchAttributes(HandoffSearchAttributes.atStart(request))
                    .build());
    WorkflowClient.start(handoff::run, request, null);
  }

  private void awaitPhase(String sessionId, Phase phase) {
    HandoffWorkflow handoff =
        env.getWorkflowClient()
            .newWorkflowStub(HandoffWorkflow.class, HandoffIds.workflowId(sessionId));
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (handoff.status().phase() != phase) {
      if (System.nanoTime() > until) {
        throw new AssertionError("not " + phase + " within 30 s: " + handoff.status());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
