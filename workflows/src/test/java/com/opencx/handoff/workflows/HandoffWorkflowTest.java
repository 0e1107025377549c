package com.opencx.handoff.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.opencx.handoff.workflows.activities.AuditActivities.AuditEvent;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WindowUpdate;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemCreated;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemDraft;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.activities.SessionActivities.HandoffFailedInput;
import com.opencx.handoff.workflows.model.CancelRequest;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.InboundMessage;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.RetryRequest;
import com.opencx.handoff.workflows.model.SkipRequest;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

/** The runbook against mocked activities on Temporal's time-skipping test server. */
class HandoffWorkflowTest {

  @RegisterExtension static final TestWorkflowExtension TEMPORAL = HandoffFixtures.extension();

  private final HandoffFixtures acts = new HandoffFixtures();

  @Test
  void runsTheSixStepsInOrderAndHandsOff(TestWorkflowEnvironment env, Worker worker) {
    acts.register(env, worker);
    env.start();
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    MediaItem photo = new MediaItem("m-1", "image/jpeg", 2048L, "receipt.jpg", null);
    HandoffWorkflow handoff = HandoffFixtures.stub(env, worker, "s-happy");
    WorkflowClient.start(handoff::run, HandoffFixtures.request("s-happy", now, photo), null);

    // The rep has the chat (HandedOff) before the media, which attaches beside steps 5 and 6.
    HandoffStatus status =
        awaitStatus(handoff, s -> s.phase() == Phase.HandedOff && !s.media().isEmpty());
    String workItemId = HandoffIds.workItemId("s-happy");
    assertThat(status.workItemId()).isEqualTo(workItemId);
    assertThat(status.step()).isEqualTo(Step.TemplateWindow);
    assertThat(status.contactLinked()).isTrue();
    assertThat(status.window().open()).isTrue();
    assertThat(status.window().closesAt()).isEqualTo(now.plus(Duration.ofHours(24)));
    assertThat(status.media())
        .singleElement()
        .satisfies(
            m -> assertThat(m.annotationId()).isEqualTo(HandoffIds.annotationId("s-happy", "m-1")));

    InOrder order = inOrder(acts.sessions, acts.dynamics, acts.audit);
    order.verify(acts.sessions).validateSession(any());
    order.verify(acts.dynamics).resolveContact(argThat(q -> q.email().equals("ana@example.com")));
    order
        .verify(acts.dynamics)
        .createWorkItem(
            argThat(
                d ->
                    d.workItemId().equals(workItemId)
                        && d.contactId().equals(HandoffFixtures.CONTACT_ID)
                        && d.windowClosesAt().equals(now.plus(Duration.ofHours(24)))));
    order
        .verify(acts.sessions)
        .markSessionHandedOff(argThat(m -> m.workItemId().equals(workItemId)));
    order
        .verify(acts.audit)
        .writeAuditEvent(
            argThat(
                e ->
                    e.type().equals("handoff.created")
                        && e.eventId().equals("whatsapp-handoff-s-happy:handoff.created")));

    SearchAttributes attributes =
        WorkflowStub.fromTyped(handoff).describe().getTypedSearchAttributes();
    assertThat(attributes.get(HandoffSearchAttributes.STATUS)).isEqualTo("HandedOff");
    assertThat(attributes.get(HandoffSearchAttributes.SESSION_ID)).isEqualTo("s-happy");
    assertThat(attributes.get(HandoffSearchAttributes.WORK_ITEM_ID)).isEqualTo(workItemId);
    assertThat(attributes.get(HandoffSearchAttributes.CONTACT_LINKED)).isTrue();
    assertThat(attributes.get(HandoffSearchAttributes.TEMPLATE_WINDOW_OPEN)).isTrue();

    handoff.close(new CloseRequest("customer said thanks"));
    HandoffResult result = WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class);
    assertThat(result.outcome()).isEqualTo(Phase.Closed);
    verify(acts.audit).writeAuditEvent(argThat(e -> e.type().equals("handoff.closed")));
  }

  @Test
  void aSessionThatCannotBeHandedOffIsRejectedAndOpenCxIsTold(
      TestWorkflowEnvironment env, Worker worker) {
    when(acts.sessions.validateSession(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "session channel is sms, not whatsapp", FailureTypes.SESSION_REJECTED));
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.stub(env, worker, "s-sms");

    HandoffResult result =
        handoff.run(
            HandoffFixtures.request("s-sms", Instant.ofEpochMilli(env.currentTimeMillis())), null);

    assertThat(result.outcome()).isEqualTo(Phase.Rejected);
    assertThat(result.reason()).isEqualTo("session channel is sms, not whatsapp");
    verify(acts.sessions)
        .notifyHandoffFailed(
            new HandoffFailedInput(
                "s-sms", "whatsapp-handoff-s-sms", "session channel is sms, not whatsapp"));
    verify(acts.audit).writeAuditEvent(argThat(e -> e.type().equals("handoff.rejected")));
    verify(acts.dynamics, never()).createWorkItem(any());
    assertThat(handoff.status().phase()).isEqualTo(Phase.Rejected);
  }

  @Test
  void aTransientFailureIsRetriedByTheActivityPolicy(TestWorkflowEnvironment env, Worker worker) {
    when(acts.dynamics.createWorkItem(any()))
        .thenThrow(
            ApplicationFailure.newFailure("503 from Dataverse", FailureTypes.DATAVERSE_UNAVAILABLE))
        .thenThrow(
            ApplicationFailure.newFailure("503 from Dataverse", FailureTypes.DATAVERSE_UNAVAILABLE))
        .thenReturn(new WorkItemCreated(HandoffIds.workItemId("s-retry"), false));
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-retry");

    awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
    verify(acts.dynamics, times(3)).createWorkItem(any());
  }

  @Test
  void aConfigFaultParksUntilAnOperatorRetriesWithAnotherWorkstream(
      TestWorkflowEnvironment env, Worker worker) {
    String fixed = "9a8b7c6d-0000-4000-8000-00000000abcd";
    when(acts.dynamics.createWorkItem(any()))
        .thenThrow(
            ApplicationFailure.newFailure(
                "404: msdyn_liveworkstream does not exist", FailureTypes.DATAVERSE_NOT_FOUND))
        .thenReturn(new WorkItemCreated(HandoffIds.workItemId("s-park"), false));
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-park");

    HandoffStatus parked = awaitStatus(handoff, s -> s.phase() == Phase.NeedsAttention);
    assertThat(parked.step()).isEqualTo(Step.CreateWorkItem);
    assertThat(parked.lastError()).contains("DataverseNotFound").contains("does not exist");
    verify(acts.dynamics, times(1)).createWorkItem(any()); // non-retryable: no activity retry
    assertThat(
            WorkflowStub.fromTyped(handoff)
                .describe()
                .getTypedSearchAttributes()
                .get(HandoffSearchAttributes.STATUS))
        .isEqualTo("NeedsAttention");

    assertThat(handoff.retry(new RetryRequest(fixed, "ops@test")).message())
        .isEqualTo("retrying CreateWorkItem now on workstream " + fixed);
    awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
    verify(acts.dynamics)
        .createWorkItem(argThat((WorkItemDraft d) -> fixed.equals(d.workstreamId())));
    assertThat(
            WorkflowStub.fromTyped(handoff)
                .describe()
                .getTypedSearchAttributes()
                .get(HandoffSearchAttributes.WORKSTREAM_ID))
        .isEqualTo(fixed);
  }

  @Test
  void cancellingBeforeTheWorkItemExistsLetsTheAiResume(
      TestWorkflowEnvironment env, Worker worker) {
    when(acts.dynamics.createWorkItem(any()))
        .thenThrow(
            ApplicationFailure.newFailure(
                "403: missing privilege prvCreatemsdyn_ocliveworkitem",
                FailureTypes.DATAVERSE_FORBIDDEN));
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-cancel");
    awaitStatus(handoff, s -> s.phase() == Phase.NeedsAttention);

    handoff.cancel(new CancelRequest("customer left", false, "ops@test"));
    HandoffResult result = WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class);

    assertThat(result.outcome()).isEqualTo(Phase.Cancelled);
    assertThat(result.workItemId()).isNull();
    verify(acts.sessions).notifyHandoffFailed(argThat(f -> f.reason().contains("customer left")));
    verify(acts.audit).writeAuditEvent(argThat(e -> e.type().equals("handoff.cancelled")));
  }

  @Test
  void cancellingAfterTheHandoffClosesTheRepsChatOnlyWhenAsked(
      TestWorkflowEnvironment env, Worker worker) {
    acts.register(env, worker);
    env.start();
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    HandoffWorkflow keep = HandoffFixtures.stub(env, worker, "s-keep");
    HandoffWorkflow close = HandoffFixtures.stub(env, worker, "s-close");
    WorkflowClient.start(keep::run, HandoffFixtures.request("s-keep", now), null);
    WorkflowClient.start(close::run, HandoffFixtures.request("s-close", now), null);
    awaitStatus(keep, s -> s.phase() == Phase.HandedOff);
    awaitStatus(close, s -> s.phase() == Phase.HandedOff);

    keep.cancel(new CancelRequest("duplicate", false, "ops@test"));
    close.cancel(new CancelRequest("customer left", true, "ops@test"));

    assertThat(WorkflowStub.fromTyped(keep).getResult(HandoffResult.class).outcome())
        .isEqualTo(Phase.Cancelled);
    assertThat(WorkflowStub.fromTyped(close).getResult(HandoffResult.class).workItemId())
        .isEqualTo(HandoffIds.workItemId("s-close"));
    verify(acts.dynamics).closeWorkItem(HandoffIds.workItemId("s-close"));
    verify(acts.dynamics, never()).closeWorkItem(HandoffIds.workItemId("s-keep"));
  }

  @Test
  void openCxClosingWhileParkedEndsTheHandoffWithoutAnotherAttempt(
      TestWorkflowEnvironment env, Worker worker) {
    when(acts.dynamics.createWorkItem(any()))
        .thenThrow(
            ApplicationFailure.newFailure("400: bad payload", FailureTypes.DATAVERSE_BAD_REQUEST));
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-closed-parked");
    awaitStatus(handoff, s -> s.phase() == Phase.NeedsAttention);
    ApplicationFailure refused =
        HandoffFixtures.refusal(() -> handoff.skip(new SkipRequest("ops@test")));
    assertThat(refused.getType()).isEqualTo(OperatorRefusals.NOT_SKIPPABLE);
    assertThat(refused.getOriginalMessage())
        .isEqualTo(
            "step CreateWorkItem cannot be skipped: the handoff needs it; retry it (before the"
                + " work item exists optionally with another workstreamId) or cancel the handoff");

    handoff.close(new CloseRequest("customer gave up"));
    HandoffResult result = WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class);

    assertThat(result.outcome()).isEqualTo(Phase.Closed);
    assertThat(result.reason()).contains("customer gave up");
    verify(acts.dynamics, times(1)).createWorkItem(any());
    verify(acts.sessions, never()).notifyHandoffFailed(any());
    verify(acts.audit).writeAuditEvent(argThat(e -> e.type().equals("handoff.closed")));
    assertThat(handoff.status().window().open()).isFalse();
  }

  @Test
  void aSkipAppliesToItsOwnParkOnly(TestWorkflowEnvironment env, Worker worker) {
    doThrow(
            ApplicationFailure.newFailure(
                "400 from OpenCX audit", FailureTypes.OPENCX_REJECTED_CALL))
        .when(acts.audit)
        .writeAuditEvent(argThat(e -> e.type().equals("handoff.created")));
    doThrow(ApplicationFailure.newFailure("403 on context items", FailureTypes.DATAVERSE_FORBIDDEN))
        .doNothing()
        .when(acts.dynamics)
        .updateTemplateWindow(any());
    acts.register(env, worker);
    env.start();
    Instant start = Instant.ofEpochMilli(env.currentTimeMillis());
    HandoffWorkflow handoff = HandoffFixtures.stub(env, worker, "s-skip-once");
    WorkflowClient.start(handoff::run, HandoffFixtures.request("s-skip-once", start), null);
    awaitStatus(handoff, s -> s.phase() == Phase.NeedsAttention && s.step() == Step.WriteAudit);

    handoff.skip(new SkipRequest("ops@test"));
    awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
    handoff.inboundMessage(
        new InboundMessage("wamid-9", start.plus(Duration.ofHours(2)), List.of()));

    // The window update fails next: that park must wait for its own decision, not reuse the skip.
    HandoffStatus parked =
        awaitStatus(
            handoff, s -> s.phase() == Phase.NeedsAttention && s.step() == Step.TemplateWindow);
    assertThat(parked.lastError()).contains("DataverseForbidden");
    handoff.retry(new RetryRequest(null, "ops@test"));
    awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
    verify(acts.dynamics, times(2)).updateTemplateWindow(any());
  }

  @Test
  void nullSignalsAreDroppedAndTheHandoffGoesOn(TestWorkflowEnvironment env, Worker worker) {
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.start(env, worker, "s-nulls");
    awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
    WorkflowStub untyped = WorkflowStub.fromTyped(handoff);
    untyped.signal("decide", (Object) null);
    untyped.signal("inboundMessage", (Object) null);

    handoff.close(null);
    assertThat(untyped.getResult(HandoffResult.class).outcome()).isEqualTo(Phase.Closed);
  }

  @Test
  void anSdkStartWithoutAUsableSessionIdFailsNamingTheField(
      TestWorkflowEnvironment env, Worker worker) {
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.stub(env, worker, "s-bad");
    HandoffRequest bad =
        HandoffFixtures.request("has/slash", Instant.ofEpochMilli(env.currentTimeMillis()));

    assertThatThrownBy(() -> handoff.run(bad, null))
        .rootCause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST);
              assertThat(f.getOriginalMessage()).startsWith("sessionId is required");
            });
    verify(acts.sessions, never()).validateSession(any());
  }

  @Test
  void aSessionHandedOffElsewhereMeanwhileEndsRejectedAndOurChatIsClosed(
      TestWorkflowEnvironment env, Worker worker) {
    doThrow(
            ApplicationFailure.newNonRetryableFailure(
                "409: handed off to another chat", FailureTypes.OPENCX_CONFLICT))
        .when(acts.sessions)
        .markSessionHandedOff(any());
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.stub(env, worker, "s-409");

    HandoffResult result =
        handoff.run(
            HandoffFixtures.request("s-409", Instant.ofEpochMilli(env.currentTimeMillis())), null);

    assertThat(result.outcome()).isEqualTo(Phase.Rejected);
    assertThat(result.reason()).contains("another chat");
    verify(acts.dynamics).closeWorkItem(HandoffIds.workItemId("s-409"));
    verify(acts.sessions, never()).notifyHandoffFailed(any());
  }

  @Test
  void aDuplicateStartReturnsTheRunningHandoff(TestWorkflowEnvironment env, Worker worker) {
    acts.register(env, worker);
    env.start();
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(HandoffIds.workflowId("s-dup"))
            .setTaskQueue(worker.getTaskQueue())
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .build();
    var request = HandoffFixtures.request("s-dup", Instant.ofEpochMilli(env.currentTimeMillis()));
    WorkflowClient client = env.getWorkflowClient();
    WorkflowExecution first =
        WorkflowClient.start(
            client.newWorkflowStub(HandoffWorkflow.class, options)::run, request, null);
    WorkflowExecution second =
        WorkflowClient.start(
            client.newWorkflowStub(HandoffWorkflow.class, options)::run, request, null);

    assertThat(second.getRunId()).isEqualTo(first.getRunId());
    awaitStatus(
        client.newWorkflowStub(HandoffWorkflow.class, HandoffIds.workflowId("s-dup")),
        s -> s.phase() == Phase.HandedOff);
    verify(acts.dynamics, times(1)).createWorkItem(any());
  }

  @Test
  void theWindowMovesWithInboundMessagesAndExpiryIsPublished(
      TestWorkflowEnvironment env, Worker worker) {
    // The rep closes the conversation only after the window expired, so the watch must find it
    // at the expiry check, not at one of the 6-hourly checks before.
    AtomicBoolean expiredPublished = new AtomicBoolean();
    doAnswer(
            call -> {
              expiredPublished.compareAndSet(false, !call.<WindowUpdate>getArgument(0).open());
              return null;
            })
        .when(acts.dynamics)
        .updateTemplateWindow(any());
    when(acts.dynamics.isConversationClosed(any())).thenAnswer(call -> expiredPublished.get());
    acts.register(env, worker);
    env.start();
    Instant start = Instant.ofEpochMilli(env.currentTimeMillis());
    HandoffWorkflow handoff = HandoffFixtures.stub(env, worker, "s-window");
    WorkflowClient.start(
        handoff::run, HandoffFixtures.request("s-window", start.minus(Duration.ofHours(23))), null);
    awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);

    Instant later = start.plus(Duration.ofMinutes(30));
    handoff.inboundMessage(new InboundMessage("wamid-1", later, List.of()));
    handoff.inboundMessage(
        new InboundMessage("wamid-0", start.minus(Duration.ofHours(22)), List.of()));
    handoff.inboundMessage(new InboundMessage("wamid-1", later, List.of()));
    HandoffStatus moved =
        awaitStatus(handoff, s -> s.window().closesAt().equals(later.plus(Duration.ofHours(24))));
    assertThat(moved.window().open()).isTrue();

    HandoffResult result = WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class);
    assertThat(result.outcome()).isEqualTo(Phase.Closed);
    assertThat(result.reason()).contains("closed in Dynamics");
    verify(acts.dynamics)
        .updateTemplateWindow(
            new WindowUpdate(
                HandoffIds.workItemId("s-window"),
                "s-window",
                later.plus(Duration.ofHours(24)),
                true));
    verify(acts.dynamics)
        .updateTemplateWindow(
            new WindowUpdate(
                HandoffIds.workItemId("s-window"),
                "s-window",
                later.plus(Duration.ofHours(24)),
                false));
    verify(acts.audit).writeAuditEvent(argThat((AuditEvent e) -> e.type().equals("window.closed")));
    verify(acts.dynamics, atLeastOnce()).isConversationClosed(HandoffIds.workItemId("s-window"));
  }

  @Test
  void aLongSummaryReachesTheCreateCutToWhatDynamicsKeeps(
      TestWorkflowEnvironment env, Worker worker) {
    acts.register(env, worker);
    env.start();
    HandoffRequest base =
        HandoffFixtures.request("s-long", Instant.ofEpochMilli(env.currentTimeMillis()));
    HandoffRequest longSummary =
        new HandoffRequest(
            base.sessionId(),
            base.channel(),
            base.customer(),
            "The customer explains at length. ".repeat(300),
            base.lastInboundAt(),
            base.media(),
            base.workstreamId());
    HandoffWorkflow handoff = HandoffFixtures.stub(env, worker, "s-long");
    WorkflowClient.start(handoff::run, longSummary, null);

    awaitStatus(handoff, s -> s.phase() == Phase.HandedOff);
    verify(acts.dynamics)
        .createWorkItem(
            argThat(
                (WorkItemDraft d) ->
                    d.summary().length() <= TextCut.DESCRIPTION_MAX
                        && d.summary().startsWith("The customer explains at length.")
                        && d.summary().endsWith("…")));
  }

  static HandoffStatus awaitStatus(HandoffWorkflow handoff, Predicate<HandoffStatus> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    HandoffStatus last = null;
    while (System.nanoTime() < deadline) {
      last = handoff.status();
      if (last != null && condition.test(last)) {
        return last;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("condition not reached; last status " + last);
  }
}
