package com.opencx.handoff.ops;

import com.opencx.handoff.operations.HandoffOperations;
import com.opencx.handoff.operations.HandoffPage;
import com.opencx.handoff.operations.HandoffRow;
import com.opencx.handoff.workflows.model.Phase;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code list}: which handoffs are stuck (or in any phase), a page at a time, from their search
 * attributes alone. No worker is asked anything, so it answers when every worker is down, costs one
 * visibility call per page, and needs no payload keys. Temporal's visibility is eventually
 * consistent: a handoff that changed phase a moment ago may still show its previous one.
 */
@Command(
    name = "list",
    description = {
      "List handoffs, newest first, from their search attributes (no worker needed).",
      "Needs a server with visibility (the temporal CLI dev server or a cluster; not Temporal's"
          + " Java test server)."
    })
final class ListCommand implements Callable<Integer> {

  @ParentCommand HandoffOpsCommand root;

  @Mixin CommonOptions common;

  @Option(
      names = "--status",
      paramLabel = "PHASE",
      defaultValue = "NeedsAttention",
      converter = Arguments.Status.class,
      description =
          "NeedsAttention (default), InProgress, HandedOff, Rejected, Cancelled, Failed, Closed,"
              + " or all")
  Phase status;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      defaultValue = "50",
      description = "rows per page, 1-" + HandoffOperations.MAX_PAGE_SIZE + " (default 50)")
  int pageSize;

  @Option(
      names = "--cursor",
      paramLabel = "CURSOR",
      description = "the next page: the cursor the previous page printed (same --status)")
  String cursor;

  @Override
  public Integer call() {
    if (pageSize < 1 || pageSize > HandoffOperations.MAX_PAGE_SIZE) {
      throw CliFailure.usage(
          "--page-size must be 1-" + HandoffOperations.MAX_PAGE_SIZE + "; got " + pageSize);
    }
    if (cursor != null && !cursor.matches("[A-Za-z0-9_-]{1,4096}")) {
      throw CliFailure.usage("--cursor must be a cursor an earlier list printed");
    }
    CommonOptions.Settings settings = common.resolve(root.env(), false);
    HandoffPage page;
    try (TemporalConnection temporal = TemporalConnection.open(settings)) {
      page = temporal.operations().list(status, pageSize, cursor);
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (cursor != null && (code == Status.Code.INVALID_ARGUMENT || code == Status.Code.UNKNOWN)) {
        // The server's visibility store cannot read the token: a cursor from another list.
        throw CliFailure.usage(
            "--cursor was refused by Temporal ("
                + code
                + ": "
                + e.getStatus().getDescription()
                + "): pass a cursor that a list with the same --status printed");
      }
      throw e;
    }
    Output out = root.output();
    if (settings.json()) {
      out.json(page);
      return ExitCodes.DONE;
    }
    String what = status == null ? "handoffs" : "handoffs in " + status.name();
    if (page.handoffs().isEmpty()) {
      out.line("no " + what + (cursor == null ? "" : " on this page"));
    } else {
      out.table(
          List.of("SESSION", "PHASE", "STEP", "SINCE (UTC)", "ERROR"),
          page.handoffs().stream().map(ListCommand::cells).toList());
    }
    if (page.nextCursor() != null) {
      out.line("");
      out.line(
          "more: handoff-ops list --status "
              + (status == null ? "all" : status.name())
              + " --page-size "
              + pageSize
              + " --cursor "
              + page.nextCursor());
    }
    return ExitCodes.DONE;
  }

  /** A run terminated or timed out never recorded its end: its phase is the one it had then. */
  private static boolean endedOutside(HandoffRow row) {
    if (row.closedAt() == null || row.status() == null) {
      return false;
    }
    return java.util.Arrays.stream(Phase.values())
        .noneMatch(p -> p.isFinal() && p.name().equals(row.status()));
  }

  private static List<String> cells(HandoffRow row) {
    return List.of(
        Output.oneLine(row.sessionId() == null ? row.workflowId() : row.sessionId()),
        Output.oneLine(row.status()) + (endedOutside(row) ? " (run closed)" : ""),
        Output.oneLine(row.step()),
        Output.time(row.startedAt()),
        Output.oneLine(row.errorType()));
  }
}
