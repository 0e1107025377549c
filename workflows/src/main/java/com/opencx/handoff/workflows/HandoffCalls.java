package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.activities.AuditActivities;
import com.opencx.handoff.workflows.activities.AuditActivities.AuditEvent;
import com.opencx.handoff.workflows.activities.DirectLineActivities;
import com.opencx.handoff.workflows.activities.DynamicsActivities;
import com.opencx.handoff.workflows.activities.MediaActivities;
import com.opencx.handoff.workflows.activities.PolicyActivities;
import com.opencx.handoff.workflows.activities.SessionActivities;
import com.opencx.handoff.workflows.activities.SessionActivities.HandoffFailedInput;
import com.opencx.handoff.workflows.model.HandoffPolicy;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The workflow's activity stubs. Each call gets its own stub so that it carries a summary of its
 * own in the Temporal UI ("Create the live work item", not "CreateWorkItem #3"); summaries name
 * steps and ids, never a phone number, email or name; read-only calls are local activities in lean
 * runs. Also the call patterns used from more than one place: writing an audit event, telling
 * OpenCX a handoff did not happen, closing the rep's chat and attaching a batch of media.
 */
final class HandoffCalls {

  private final HandoffState state;
  private final StepRunner steps;
  private final ActivityOptions openCx;
  private final ActivityOptions dataverse;
  private final ActivityOptions media;
  private final LocalActivityOptions reads;

  /**
   * The options of OpenCX calls, Dataverse calls, media transfers and the read-only calls that lean
   * runs make as local activities (validate, resolve, the closed check), in that order.
   */
  record Options(
      ActivityOptions openCx,
      ActivityOptions dataverse,
      ActivityOptions media,
      LocalActivityOptions reads) {

    /** These options, but a run recorded before a close cancelled steps keeps TRY_CANCEL. */
    static Options of(
        HandoffState state,
        ActivityOptions openCx,
        ActivityOptions dataverse,
        ActivityOptions media,
        LocalActivityOptions reads) {
      return state.closeCancelsSteps
          ? new Options(openCx, dataverse, media, reads)
          : new Options(tryCancel(openCx), tryCancel(dataverse), tryCancel(media), reads);
    }

    private static ActivityOptions tryCancel(ActivityOptions options) {
      return ActivityOptions.newBuilder(options)
          .setCancellationType(ActivityCancellationType.TRY_CANCEL)
          .build();
    }
  }

  HandoffCalls(HandoffState state, StepRunner steps, Options options) {
    this.state = state;
    this.steps = steps;
    this.openCx = options.openCx();
    this.dataverse = options.dataverse();
    this.media = options.media();
    this.reads = options.reads();
  }

  SessionActivities sessions(String summary) {
    return Workflow.newActivityStub(
        SessionActivities.class, summarised(budgeted(openCx, state), summary));
  }

  /** Direct Line posts: each exactly once however often the activity runs. */
  DirectLineActivities directLine(String summary) {
    return Workflow.newActivityStub(
        DirectLineActivities.class, summarised(budgeted(dataverse, state), summary));
  }

  /**
   * The wait for Omnichannel's routing: a heartbeating activity that may run for the whole routing
   * timeout, then fails for good (the handoff parks naming the runbook's case).
   */
  DirectLineActivities routing(Duration timeout) {
    ActivityOptions waiting =
        ActivityOptions.newBuilder(dataverse)
            .setStartToCloseTimeout(timeout.plus(Duration.ofMinutes(1)))
            .setScheduleToCloseTimeout(timeout.plus(state.policy().stepBudget()))
            .setHeartbeatTimeout(Duration.ofSeconds(30))
            .build();
    return Workflow.newActivityStub(
        DirectLineActivities.class,
        summarised(waiting, "Wait for Omnichannel to route the conversation"));
  }

  DynamicsActivities dynamics(String summary) {
    return Workflow.newActivityStub(
        DynamicsActivities.class,
        summarised(onDataverseQueue(budgeted(dataverse, state)), summary));
  }

  /**
   * OpenCX's writes that are safe to repeat (marking the session handed off is a no-op the second
   * time; an audit event has a deterministic id): local activities since version 3.
   */
  SessionActivities sessionWrites(String summary) {
    return state.localOpenCxWrites
        ? Workflow.newLocalActivityStub(
            SessionActivities.class, summarised(budgeted(reads, state), summary))
        : sessions(summary);
  }

  /** OpenCX's read-only calls: a local activity in lean runs, no task round trip. */
  SessionActivities sessionReads(String summary) {
    return state.lean
        ? Workflow.newLocalActivityStub(
            SessionActivities.class, summarised(budgeted(reads, state), summary))
        : sessions(summary);
  }

  /**
   * The contact lookup: a read, so a local activity in lean runs, until version 7 puts it on the
   * Dataverse task queue. It is half of a burst's Dataverse requests, so it must share the budget.
   */
  DynamicsActivities contactLookup(String summary) {
    return state.sharedDataverseBudget ? dynamics(summary) : dynamicsReads(summary);
  }

  /**
   * Dataverse's other reads (the daily closed check): a local activity in lean runs, no task round
   * trip; one a day per handoff, paced by the worker's own limiter alone.
   */
  DynamicsActivities dynamicsReads(String summary) {
    return state.lean
        ? Workflow.newLocalActivityStub(
            DynamicsActivities.class, summarised(budgeted(reads, state), summary))
        : dynamics(summary);
  }

  /**
   * The worker's timer settings for this run (lean runs; older ones replay the constants they were
   * recorded with). A worker that cannot say keeps the defaults rather than holding the handoff.
   */
  HandoffPolicy policy() {
    if (!state.lean) {
      return HandoffPolicy.BEFORE_SETTINGS;
    }
    LocalActivityOptions once =
        LocalActivityOptions.newBuilder(summarised(reads, "Read the worker's handoff settings"))
            .setScheduleToCloseTimeout(Duration.ofMinutes(1))
            .build();
    try {
      return Workflow.newLocalActivityStub(PolicyActivities.class, once).handoffPolicy();
    } catch (ActivityFailure unavailable) {
      if (unavailable.getCause() instanceof CanceledFailure) {
        throw unavailable;
      }
      Workflow.getLogger(HandoffCalls.class)
          .warn("no handoff settings from the worker; using the defaults", unavailable);
      return HandoffPolicy.DEFAULTS;
    }
  }

  /**
   * One audit event; optional, so an operator may skip it if OpenCX's audit is down for good.
   * Returns the event's id once it is written, null when it was skipped.
   */
  String audit(String type, String occasion, Map<String, String> details) {
    return steps.optional(Step.WriteAudit, () -> writeAudit(type, occasion, details));
  }

  /** The audit write itself, for a caller that runs it as a step of its own; returns its id. */
  String writeAudit(String type, String occasion, Map<String, String> details) {
    AuditEvent event =
        new AuditEvent(
            HandoffIds.auditEventId(state.sessionId, type, occasion),
            state.sessionId,
            state.workflowId,
            type,
            Instant.ofEpochMilli(Workflow.currentTimeMillis()),
            details);
    String summary = "Audit " + type;
    AuditActivities audit =
        state.localOpenCxWrites
            ? Workflow.newLocalActivityStub(
                AuditActivities.class, summarised(budgeted(reads, state), summary))
            : Workflow.newActivityStub(
                AuditActivities.class, summarised(budgeted(openCx, state), summary));
    audit.writeAuditEvent(event);
    return event.eventId();
  }

  /**
   * Tells OpenCX the handoff did not happen (so the AI resumes) and audits why. Both are optional
   * steps: if OpenCX stays unreachable past the parking deadline the handoff still ends.
   */
  void handoffDidNotHappen(String auditType, String reason, Map<String, String> extraAudit) {
    steps.optional(
        Step.Done,
        () -> {
          sessions("Tell OpenCX the handoff did not happen")
              .notifyHandoffFailed(
                  new HandoffFailedInput(state.sessionId, state.workflowId, reason));
          return Boolean.TRUE;
        });
    Map<String, String> details = new TreeMap<>(extraAudit);
    details.put("reason", reason);
    details.put("workItemCreated", "" + state.workItemCreated());
    audit(auditType, null, details);
  }

  /** Closes the rep's conversation; optional, so a Dataverse outage cannot hold a cancel. */
  void closeWorkItem() {
    steps.optional(
        Step.Done,
        () -> {
          dynamics("Close the rep's conversation").closeWorkItem(state.workItemId());
          return Boolean.TRUE;
        });
  }

  MediaActivities media(String summary) {
    return Workflow.newActivityStub(MediaActivities.class, summarised(media, summary));
  }

  /** The note about a file not attached is a Dataverse write like any other. */
  MediaActivities mediaNotes(String summary) {
    return Workflow.newActivityStub(
        MediaActivities.class, summarised(onDataverseQueue(budgeted(dataverse, state)), summary));
  }

  /**
   * Version 7 on, a Dataverse call goes to the Dataverse task queue: the Temporal server hands its
   * tasks out no faster than the deployment's budget, however many workers poll it.
   */
  private ActivityOptions onDataverseQueue(ActivityOptions options) {
    return state.sharedDataverseBudget
        ? ActivityOptions.newBuilder(options)
            .setTaskQueue(HandoffWorkflow.dataverseTaskQueue(Workflow.getInfo().getTaskQueue()))
            .build()
        : options;
  }

  /**
   * {@code options} with the run's step budget as schedule-to-close: how long a call may retry
   * before its step parks (SPEC §5.2). A policy recorded before the budget was a setting has the
   * old constant, 10 minutes, so the commands replay unchanged.
   */
  static ActivityOptions budgeted(ActivityOptions options, HandoffState state) {
    return ActivityOptions.newBuilder(options)
        .setScheduleToCloseTimeout(state.policy().stepBudget())
        .build();
  }

  /** The local calls' step budget, as for {@link #budgeted(ActivityOptions, HandoffState)}. */
  static LocalActivityOptions budgeted(LocalActivityOptions options, HandoffState state) {
    return LocalActivityOptions.newBuilder(options)
        .setScheduleToCloseTimeout(state.policy().stepBudget())
        .build();
  }

  /** Summaries are capped well inside Temporal's 200-byte limit (ids can be long). */
  static ActivityOptions summarised(ActivityOptions options, String summary) {
    return ActivityOptions.newBuilder(options).setSummary(capped(summary)).build();
  }

  static LocalActivityOptions summarised(LocalActivityOptions options, String summary) {
    return LocalActivityOptions.newBuilder(options).setSummary(capped(summary)).build();
  }

  private static String capped(String summary) {
    return summary.length() > 120 ? summary.substring(0, 119) + "…" : summary;
  }
}
