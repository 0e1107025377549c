package com.opencx.handoff.workflows;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.opencx.handoff.codec.HandoffDataConverter;
import com.opencx.handoff.codec.PayloadKeys;
import com.opencx.handoff.workflows.activities.AuditActivities;
import com.opencx.handoff.workflows.activities.DirectLineActivities;
import com.opencx.handoff.workflows.activities.DynamicsActivities;
import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactMatch;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemCreated;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemDraft;
import com.opencx.handoff.workflows.activities.MediaActivities;
import com.opencx.handoff.workflows.activities.PolicyActivities;
import com.opencx.handoff.workflows.activities.RepliesActivities;
import com.opencx.handoff.workflows.activities.SessionActivities;
import com.opencx.handoff.workflows.activities.SessionActivities.ValidatedSession;
import com.opencx.handoff.workflows.model.ContactRule;
import com.opencx.handoff.workflows.model.HandoffPolicy;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.MediaOutcome;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Mocked activities with happy-path answers, a sample request, and a started handoff stub. */
final class HandoffFixtures {

  static final String CONTACT_ID = "0c6ad6f3-0000-4000-8000-000000000001";

  /**
   * The deadlock detector's allowance in tests (the SDK's default is 1 s): a workflow thread that
   * is slow because CI's two cores are busy is not a deadlock, and a real one still fails.
   */
  static final Duration BUSY_MACHINE = Duration.ofSeconds(30);

  final SessionActivities sessions =
      mock(SessionActivities.class, withSettings().withoutAnnotations());
  final DynamicsActivities dynamics =
      mock(DynamicsActivities.class, withSettings().withoutAnnotations());
  final MediaActivities media = mock(MediaActivities.class, withSettings().withoutAnnotations());
  final AuditActivities audit = mock(AuditActivities.class, withSettings().withoutAnnotations());
  final PolicyActivities policy = mock(PolicyActivities.class, withSettings().withoutAnnotations());
  final DirectLineActivities directLine =
      mock(DirectLineActivities.class, withSettings().withoutAnnotations());
  final RepliesActivities replies =
      mock(RepliesActivities.class, withSettings().withoutAnnotations());

  HandoffFixtures() {
    when(sessions.validateSession(any()))
        .thenReturn(new ValidatedSession("+14155550100", "ana@example.com", "Ana"));
    when(dynamics.resolveContact(any()))
        .thenReturn(new ContactMatch(CONTACT_ID, ContactRule.Email));
    when(dynamics.createWorkItem(any()))
        .thenAnswer(
            call -> {
              WorkItemDraft draft = call.getArgument(0); // null while a test re-stubs
              return draft == null ? null : new WorkItemCreated(draft.workItemId(), false);
            });
    when(media.attachMedia(any()))
        .thenAnswer(
            call -> {
              MediaActivities.MediaAttachment a = call.getArgument(0); // null while re-stubbing
              return a == null
                  ? null
                  : new MediaOutcome(
                      a.item().mediaId(), MediaOutcome.Status.Attached, a.annotationId(), null);
            });
    when(replies.deliverToCustomer(any()))
        .thenReturn(
            new RepliesActivities.Delivery(RepliesActivities.Delivery.Outcome.Delivered, null));
    when(media.noteNotAttached(any(), any()))
        .thenAnswer(
            call -> {
              MediaActivities.MediaAttachment a = call.getArgument(0);
              return a == null
                  ? null
                  : new MediaOutcome(
                      a.item().mediaId(),
                      MediaOutcome.Status.Skipped,
                      a.annotationId(),
                      call.getArgument(1));
            });
  }

  /**
   * The tests' payload key: a fixed, published test key (not a secret), so that histories recorded
   * with it replay on any machine.
   */
  static final String TEST_KEYS = "test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  /** Clients and workers in tests encrypt their payloads exactly as production does. */
  static WorkflowClientOptions clientOptions() {
    return WorkflowClientOptions.newBuilder()
        .setDataConverter(HandoffDataConverter.create(PayloadKeys.parse(TEST_KEYS, null)))
        .build();
  }

  static TestWorkflowExtension extension() {
    return extension(null);
  }

  /** As {@link #extension()}, the workers reporting their metrics to {@code metrics}. */
  static TestWorkflowExtension extension(com.uber.m3.tally.Scope metrics) {
    TestWorkflowExtension.Builder builder =
        TestWorkflowExtension.newBuilder()
            .setWorkflowClientOptions(clientOptions())
            .registerWorkflowImplementationTypes(HandoffWorkflowImpl.class)
            .setWorkerOptions(
                WorkerOptions.newBuilder()
                    .setDefaultDeadlockDetectionTimeout(BUSY_MACHINE.toMillis())
                    .build())
            .setDoNotStart(true);
    if (metrics != null) {
      builder.setMetricsScope(metrics);
    }
    for (var key : HandoffSearchAttributes.ALL) {
      builder.registerSearchAttribute(key.getName(), key.getValueType());
    }
    return builder.build();
  }

  /**
   * The worker's route is Direct Line (routing timeout 2 min); the conversation started is {@code
   * conversationId} and Omnichannel routes it to {@code workItemId}.
   */
  void overDirectLine(String conversationId, String workItemId) {
    HandoffPolicy d = HandoffPolicy.DEFAULTS;
    when(policy.handoffPolicy())
        .thenReturn(
            new HandoffPolicy(
                d.closedCheckEvery(),
                d.parkedRetryEvery(),
                d.parkedGiveUpAfter(),
                HandoffPolicy.DIRECT_LINE,
                Duration.ofMinutes(2)));
    when(directLine.startConversation(any())).thenReturn(conversationId);
    if (workItemId != null) {
      when(directLine.awaitWorkItem(any())).thenReturn(workItemId);
    }
  }

  /**
   * The mocks on the test worker, and the Dataverse ones also on a worker of the run's Dataverse
   * task queue, as the worker application registers them.
   */
  void register(TestWorkflowEnvironment env, Worker worker) {
    if (mockingDetails(policy).getStubbings().isEmpty()) {
      when(policy.handoffPolicy()).thenReturn(HandoffPolicy.DEFAULTS);
    }
    worker.registerActivitiesImplementations(
        sessions, dynamics, media, audit, policy, directLine, replies);
    env.newWorker(HandoffWorkflow.dataverseTaskQueue(worker.getTaskQueue()))
        .registerActivitiesImplementations(dynamics, media);
  }

  static HandoffRequest request(String sessionId, Instant lastInboundAt, MediaItem... media) {
    return new HandoffRequest(
        sessionId,
        "whatsapp",
        new HandoffRequest.Customer("+14155550100", "Ana", "ana@example.com"),
        "Customer asks for a refund of order 1234.",
        lastInboundAt,
        List.of(media),
        "5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f");
  }

  /**
   * Starts the session's handoff (last inbound message: now) as the API does, with the search
   * attributes it starts with, and returns its stub.
   */
  static HandoffWorkflow start(TestWorkflowEnvironment env, Worker worker, String sessionId) {
    HandoffRequest request = request(sessionId, Instant.ofEpochMilli(env.currentTimeMillis()));
    HandoffWorkflow handoff =
        env.getWorkflowClient()
            .newWorkflowStub(
                HandoffWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(HandoffIds.workflowId(sessionId))
                    .setTaskQueue(worker.getTaskQueue())
                    .setTypedSearchAttributes(HandoffSearchAttributes.atStart(request))
                    .build());
    WorkflowClient.start(handoff::run, request, null);
    return handoff;
  }

  /** A stub for the session's handoff on the test worker's own task queue. */
  static HandoffWorkflow stub(TestWorkflowEnvironment env, Worker worker, String sessionId) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            HandoffWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(HandoffIds.workflowId(sessionId))
                .setTaskQueue(worker.getTaskQueue())
                .build());
  }

  /** The refusal an operator Update met: the validator's failure, with its type and reason. */
  static ApplicationFailure refusal(Runnable update) {
    try {
      update.run();
    } catch (WorkflowUpdateException refused) {
      Throwable cause = refused.getCause();
      if (cause instanceof ApplicationFailure failure) {
        return failure;
      }
      throw refused;
    }
    throw new AssertionError("the Update was accepted");
  }
}
