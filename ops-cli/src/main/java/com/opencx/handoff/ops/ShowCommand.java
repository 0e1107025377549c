package com.opencx.handoff.ops;

import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.MediaOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code show}: one handoff as an operator needs it before acting: where it stands, why it is
 * parked (the last failure's type and message), whether the parked step may be skipped, and where
 * the answer came from. It still answers with every worker down, from the search attributes, and
 * says so, since that view lacks the failure's message and can lag the workflow by a moment. An
 * ended handoff is shown too (exit 0): only a session Temporal never saw exits 3.
 */
@Command(
    name = "show",
    description = {
      "Show one handoff's status document and its last failure.",
      "Asks the workflow (status query, within --timeout); when no worker answers, shows what"
          + " the search attributes record, and says so."
    })
final class ShowCommand implements Callable<Integer> {

  @ParentCommand HandoffOpsCommand root;

  @Mixin CommonOptions common;

  @Parameters(
      index = "0",
      paramLabel = "SESSION_ID",
      converter = Arguments.SessionId.class,
      description = "OpenCX session id")
  String sessionId;

  @Override
  public Integer call() {
    CommonOptions.Settings settings = common.resolve(root.env(), true);
    StatusReading reading;
    try (TemporalConnection temporal = TemporalConnection.open(settings)) {
      reading = StatusReading.read(temporal, sessionId);
    }
    if (settings.json()) {
      root.output().json(reading);
    } else {
      root.output().table(List.of("session", reading.sessionId()), rows(reading));
    }
    return ExitCodes.DONE;
  }

  private static List<List<String>> rows(StatusReading r) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("workflow", r.workflowId() + " (" + r.execution() + ")"));
    rows.add(List.of("phase", Output.oneLine(r.phase())));
    HandoffStatus s = r.status();
    String step = Output.oneLine(r.step());
    if (s != null && "NeedsAttention".equals(r.phase())) {
      step +=
          " (attempt "
              + s.attempts()
              + (s.skippable() ? ", may be skipped" : ", cannot be skipped: retry or cancel")
              + ")";
    }
    rows.add(List.of("step", step));
    rows.add(List.of("last failure", failure(r.lastErrorType(), r.lastError())));
    rows.add(List.of("workstream", Output.oneLine(r.workstreamId())));
    rows.add(List.of("work item", Output.oneLine(r.workItemId())));
    if (s != null) {
      rows.add(
          List.of(
              "contact",
              s.contactLinked()
                  ? "linked" + (s.contactRule() == null ? "" : " (by " + s.contactRule() + ")")
                  : "not linked" + (s.contactRule() == null ? "" : " (" + s.contactRule() + ")")));
      if (s.window() != null) {
        rows.add(
            List.of(
                "window",
                s.window().open()
                    ? "open until " + Output.time(s.window().closesAt()) + " UTC"
                    : "closed (closesAt " + Output.time(s.window().closesAt()) + " UTC)"));
      }
      rows.add(List.of("media", media(s.media())));
      if (s.outcomeReason() != null) {
        rows.add(List.of("outcome", Output.oneLine(s.outcomeReason())));
      }
    }
    rows.add(List.of("started", Output.time(r.startedAt()) + " UTC"));
    if (r.closedAt() != null) {
      rows.add(List.of("ended", Output.time(r.closedAt()) + " UTC"));
    }
    rows.add(
        List.of(
            "source",
            r.fromQuery()
                ? "the workflow's status query"
                : "search attributes: " + Output.oneLine(r.note())));
    return rows;
  }

  /** "Type: message", without repeating the type when the message already starts with it. */
  private static String failure(String type, String message) {
    if (type == null && message == null) {
      return "-";
    }
    if (message == null) {
      return Output.oneLine(type);
    }
    if (type == null || message.startsWith(type + ":")) {
      return Output.oneLine(message);
    }
    return Output.oneLine(type) + ": " + Output.oneLine(message);
  }

  private static String media(List<MediaOutcome> media) {
    if (media == null || media.isEmpty()) {
      return "none recorded";
    }
    long attached = media.stream().filter(m -> m.status() == MediaOutcome.Status.Attached).count();
    return attached + " attached, " + (media.size() - attached) + " skipped";
  }
}
