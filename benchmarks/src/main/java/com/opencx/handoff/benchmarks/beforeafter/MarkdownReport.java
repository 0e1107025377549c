package com.opencx.handoff.benchmarks.beforeafter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The before/after comparison as Markdown, in the style of {@code docs/benchmarks.md}: one row per
 * round in the order they ran (warm-ups marked and left out of the medians), then the median of the
 * BEFORE rounds, the median of the AFTER rounds and AFTER / BEFORE of those medians. Three tables
 * share that layout — throughput, latency and requests; history events per handoff up to idle;
 * history events per handoff for the whole run — and a fourth lists every event type seen, as
 * medians of both sides. Pure formatting: it reads {@link RoundRecord}s and measures nothing.
 */
final class MarkdownReport {

  static final String BEFORE = "before";
  static final String AFTER = "after";

  /** The event types the workflow change targets, in the order the tables show them. */
  static final List<String> KEY_TYPES =
      List.of(
          "UpsertWorkflowSearchAttributes",
          "WorkflowTaskScheduled",
          "ActivityTaskScheduled",
          "MarkerRecorded",
          "TimerStarted");

  private record Column(String header, String format, ToDoubleFunction<RoundRecord> value) {}

  private final Properties run;
  private final List<RoundRecord> rounds;

  MarkdownReport(Properties run, List<RoundRecord> rounds) {
    this.run = run;
    this.rounds = rounds;
  }

  String render() {
    StringBuilder md = new StringBuilder();
    md.append(heading());
    md.append("\n### Throughput, latency to the work item, requests per handoff\n\n");
    table(md, performanceColumns());
    md.append("\n### History events per handoff, up to idle (HandedOff, before the close)\n\n");
    table(md, eventColumns(true));
    md.append("\n### History events per handoff, whole run (start to completion)\n\n");
    table(md, eventColumns(false));
    md.append("\n### Every event type, per handoff (medians of the measured rounds)\n\n");
    typeTable(md);
    md.append("\n").append(checks());
    return md.toString();
  }

  private String heading() {
    String after =
        "true".equals(run.getProperty("afterDirty"))
            ? " plus uncommitted changes"
            : " (no uncommitted changes)";
    return String.format(
        Locale.ROOT,
        "## Before/after: `%s` vs the working tree%n%n"
            + "- BEFORE: `%s` %s%n"
            + "- AFTER: the working tree at `%s` %s%s%n"
            + "- %s; %s handoffs a round without media, %s concurrent clients,"
            + " `dynamics.requests-per-second` %s; one warm-up round of each side, then %s measured"
            + " rounds of each, alternating BEFORE, AFTER; one `temporal` CLI dev server for all"
            + " rounds (%s, SQLite); %s cores.%n",
        run.getProperty("baseRev", "?"),
        run.getProperty("baseRev", "?"),
        run.getProperty("baseSubject", ""),
        run.getProperty("afterRev", "?"),
        run.getProperty("afterSubject", ""),
        after,
        run.getProperty("date", "?"),
        run.getProperty("handoffs", "?"),
        run.getProperty("concurrency", "?"),
        run.getProperty("requestsPerSecond", "?"),
        run.getProperty("rounds", "?"),
        run.getProperty("temporalVersion", "?"),
        run.getProperty("cores", "?"));
  }

  private static List<Column> performanceColumns() {
    return List.of(
        new Column("handoffs/s", "%.1f", r -> r.number("handoffsPerSecond")),
        new Column("to work item p50 (ms)", "%.0f", r -> r.number("toWorkItemP50Ms")),
        new Column("p95 (ms)", "%.0f", r -> r.number("toWorkItemP95Ms")),
        new Column("max (ms)", "%.0f", r -> r.number("toWorkItemMaxMs")),
        new Column("Dataverse req / handoff", "%.2f", r -> r.number("dataverseRequests")),
        new Column("OpenCX req / handoff", "%.2f", r -> r.number("openCxRequests")),
        new Column("service CPU ms / handoff", "%.1f", r -> r.number("serviceCpuMs")),
        new Column("Temporal CPU ms / handoff", "%.1f", r -> r.number("temporalCpuMs")),
        new Column("events / handoff to idle", "%.1f", r -> r.events().toIdleAll()),
        new Column("events / handoff", "%.1f", r -> r.events().totalAll()),
        new Column("history KB / handoff", "%.2f", r -> r.events().totalBytes() / 1024));
  }

  private static List<Column> eventColumns(boolean toIdle) {
    List<Column> columns = new ArrayList<>();
    for (String type : KEY_TYPES) {
      columns.add(
          new Column(
              "`" + type + "`",
              "%.2f",
              r -> (toIdle ? r.events().toIdle() : r.events().total()).getOrDefault(type, 0.0)));
    }
    columns.add(
        new Column(
            "all events", "%.2f", r -> toIdle ? r.events().toIdleAll() : r.events().totalAll()));
    columns.add(
        new Column(
            "KB",
            "%.2f",
            r -> (toIdle ? r.events().toIdleBytes() : r.events().totalBytes()) / 1024));
    return columns;
  }

  private void table(StringBuilder md, List<Column> columns) {
    md.append("| round | side |");
    columns.forEach(c -> md.append(' ').append(c.header()).append(" |"));
    md.append("\n|---|---|").append("---|".repeat(columns.size())).append('\n');
    for (RoundRecord round : rounds) {
      String label = round.warmUp() ? "warm-up" : round.measured().getProperty("round");
      md.append("| ").append(label).append(" | ").append(side(round)).append(" |");
      columns.forEach(
          c ->
              md.append(' ')
                  .append(number(c.format(), c.value().applyAsDouble(round)))
                  .append(" |"));
      md.append('\n');
    }
    for (String side : List.of(BEFORE, AFTER)) {
      md.append("| **median** | **").append(side.toUpperCase(Locale.ROOT)).append("** |");
      columns.forEach(
          c -> md.append(" **").append(number(c.format(), median(side, c.value()))).append("** |"));
      md.append('\n');
    }
    md.append("| **ratio** | **AFTER / BEFORE** |");
    columns.forEach(
        c ->
            md.append(" **")
                .append(ratio(median(AFTER, c.value()), median(BEFORE, c.value())))
                .append("** |"));
    md.append('\n');
  }

  private void typeTable(StringBuilder md) {
    TreeSet<String> types = new TreeSet<>();
    rounds.forEach(r -> types.addAll(r.events().total().keySet()));
    md.append(
        "| event type | BEFORE to idle | AFTER to idle | ratio | BEFORE whole run | AFTER whole run | ratio |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (String type : types) {
      ToDoubleFunction<RoundRecord> idle = r -> r.events().toIdle().getOrDefault(type, 0.0);
      ToDoubleFunction<RoundRecord> all = r -> r.events().total().getOrDefault(type, 0.0);
      md.append(
          String.format(
              Locale.ROOT,
              "| `%s` | %s | %s | %s | %s | %s | %s |%n",
              type,
              number("%.2f", median(BEFORE, idle)),
              number("%.2f", median(AFTER, idle)),
              ratio(median(AFTER, idle), median(BEFORE, idle)),
              number("%.2f", median(BEFORE, all)),
              number("%.2f", median(AFTER, all)),
              ratio(median(AFTER, all), median(BEFORE, all))));
    }
  }

  /** One line when every handoff ran as intended, else one line per round that did not. */
  private String checks() {
    List<String> problems = new ArrayList<>();
    for (RoundRecord r : rounds) {
      HistoryCensus.Tally t = r.events();
      int n = t.handoffs();
      if (t.withoutCloseEvent() > 0
          || t.activityPendingAtClose() > 0
          || t.handedOffBeforeClose() != n
          || r.number("completed") != n) {
        problems.add(
            String.format(
                Locale.ROOT,
                "- %s: of %d handoffs, %d have no close event, %d had an activity pending at the close,"
                    + " %d were HandedOff before it, %.0f completed",
                r.name(),
                n,
                t.withoutCloseEvent(),
                t.activityPendingAtClose(),
                t.handedOffBeforeClose(),
                r.number("completed")));
      }
    }
    return problems.isEmpty()
        ? "Checks: in every round each measured handoff was HandedOff, had no activity pending when"
            + " the close arrived, and completed.\n"
        : "Checks (read these rounds' event counts with care):\n"
            + String.join("\n", problems)
            + "\n";
  }

  private String side(RoundRecord round) {
    String side = round.side().toUpperCase(Locale.ROOT);
    return round.warmUp() ? "_" + side + "_" : side;
  }

  /** Median of the side's measured (non-warm-up) rounds; the mean of the middle two if even. */
  double median(String side, ToDoubleFunction<RoundRecord> value) {
    double[] values =
        rounds.stream()
            .filter(r -> !r.warmUp() && r.side().equals(side))
            .mapToDouble(value)
            .sorted()
            .toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  static String ratio(double after, double before) {
    if (Double.isNaN(after) || Double.isNaN(before) || before == 0) {
      return after == 0 && before == 0 ? "—" : "n/a";
    }
    return String.format(Locale.ROOT, "%.2f", after / before);
  }

  private static String number(String format, double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
  }
}
