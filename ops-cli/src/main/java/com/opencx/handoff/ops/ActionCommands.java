package com.opencx.handoff.ops;

import com.opencx.handoff.operations.HandoffOperations;
import com.opencx.handoff.workflows.model.ActionTaken;
import com.opencx.handoff.workflows.model.CancelRequest;
import com.opencx.handoff.workflows.model.RetryRequest;
import com.opencx.handoff.workflows.model.SkipRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The four operator actions, each one Update to the workflow through {@link HandoffOperations}. The
 * workflow's validator decides, not this command: it alone knows what is parked, so a refusal (exit
 * 1) carries the workflow's own reason and changed nothing. On success the workflow's one-line
 * account of what it did is printed. A timeout (exit 4) does not mean nothing happened: the Update
 * may still be applied when a worker polls, hence "show" before sending it again.
 */
final class ActionCommands {

  private ActionCommands() {}

  /** What every action shares: the parent, the common options and the session id. */
  abstract static class Action implements Callable<Integer> {

    @ParentCommand HandoffOpsCommand root;

    @Mixin CommonOptions common;

    @Parameters(
        index = "0",
        paramLabel = "SESSION_ID",
        converter = Arguments.SessionId.class,
        description = "OpenCX session id")
    String sessionId;

    /** Sends the Update and prints what the workflow did. */
    int send(BiFunction<HandoffOperations, CommonOptions.Settings, ActionTaken> update) {
      CommonOptions.Settings settings = common.resolve(root.env(), true);
      ActionTaken taken;
      try (TemporalConnection temporal = TemporalConnection.open(settings)) {
        taken = update.apply(temporal.operations(), settings);
      }
      if (settings.json()) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("result", "done");
        document.put("sessionId", sessionId);
        document.put("action", taken.action());
        document.put("step", taken.step());
        document.put("message", taken.message());
        document.put("operator", settings.operator());
        root.output().json(document);
      } else {
        root.output().line(Output.oneLine(taken.message()));
      }
      return ExitCodes.DONE;
    }
  }

  /** {@code retry}: run the parked step again now, optionally on another workstream. */
  @Command(
      name = "retry",
      description = {
        "Run a parked handoff's step again now (it must be in NeedsAttention).",
        "With --workstream, the work item is created on that workstream instead (only before it"
            + " exists)."
      })
  static final class Retry extends Action {

    @Option(
        names = "--workstream",
        paramLabel = "GUID",
        converter = Arguments.Guid.class,
        description =
            "create the work item on this Omnichannel workstream (msdyn_liveworkstreamid)")
    String workstreamId;

    @Override
    public Integer call() {
      return send((ops, s) -> ops.retry(sessionId, new RetryRequest(workstreamId, s.operator())));
    }
  }

  /** {@code retarget}: the same as {@code retry --workstream}, for the usual fix of a 404. */
  @Command(
      name = "retarget",
      description = {
        "Retry a parked handoff on another workstream: the same as retry --workstream GUID.",
        "For a work item that could not be created because its workstream is wrong or gone."
      })
  static final class Retarget extends Action {

    @Parameters(
        index = "1",
        paramLabel = "WORKSTREAM_ID",
        converter = Arguments.Guid.class,
        description = "the workstream GUID (msdyn_liveworkstreamid) to create the work item on")
    String workstreamId;

    @Override
    public Integer call() {
      return send((ops, s) -> ops.retry(sessionId, new RetryRequest(workstreamId, s.operator())));
    }
  }

  /** {@code skip}: give up a parked step the handoff can do without. */
  @Command(
      name = "skip",
      description = {
        "Give up a parked step the handoff can do without (media, audit, a notice), and go on.",
        "Refused for the steps that make the handoff: retry or cancel those."
      })
  static final class Skip extends Action {

    @Override
    public Integer call() {
      return send((ops, s) -> ops.skip(sessionId, new SkipRequest(s.operator())));
    }
  }

  /** {@code cancel}: end the handoff with its compensation (OpenCX told, audit written). */
  @Command(
      name = "cancel",
      description = {
        "End a handoff: OpenCX is told (its AI resumes) and the audit records who and why.",
        "With --close-work-item the rep's conversation in Dynamics is closed too, once it exists."
      })
  static final class Cancel extends Action {

    @Option(
        names = "--reason",
        required = true,
        paramLabel = "TEXT",
        converter = Arguments.Reason.class,
        description = "why, for the audit and OpenCX (1-" + Arguments.MAX_REASON + " characters)")
    String reason;

    @Option(
        names = "--close-work-item",
        description = "also close the rep's conversation in Dynamics")
    boolean closeWorkItem;

    @Override
    public Integer call() {
      return send(
          (ops, s) ->
              ops.cancel(sessionId, new CancelRequest(reason, closeWorkItem, s.operator())));
    }
  }
}
