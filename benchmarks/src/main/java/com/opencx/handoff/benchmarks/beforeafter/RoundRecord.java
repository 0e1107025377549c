package com.opencx.handoff.benchmarks.beforeafter;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One round's results as {@code before-after.sh} leaves them in its directory: what the round
 * runner measured ({@code round.properties}: throughput, latency, emulator request counts), the
 * measured workflow ids ({@code workflow-ids.txt}), and the event census of their histories ({@code
 * events.properties}, written here once it is counted, so the report can be printed again without
 * the Temporal server). A round named {@code warmup} is shown but kept out of the medians.
 */
record RoundRecord(String name, Properties measured, HistoryCensus.Tally events) {

  static final String MEASURED = "round.properties";
  static final String WORKFLOW_IDS = "workflow-ids.txt";
  static final String EVENTS = "events.properties";

  String side() {
    return measured.getProperty("side");
  }

  boolean warmUp() {
    return "warmup".equals(measured.getProperty("round"));
  }

  /** A measured number, e.g. {@code handoffsPerSecond}; NaN when the round did not record it. */
  double number(String key) {
    String value = measured.getProperty(key);
    return value == null ? Double.NaN : Double.parseDouble(value);
  }

  static boolean complete(Path dir) {
    return Files.isRegularFile(dir.resolve(MEASURED))
        && Files.isRegularFile(dir.resolve(WORKFLOW_IDS));
  }

  static List<String> workflowIds(Path dir) throws IOException {
    return Files.readAllLines(dir.resolve(WORKFLOW_IDS)).stream()
        .filter(line -> !line.isBlank())
        .toList();
  }

  /** Loads a round whose events were counted already ({@link #saveEvents} first otherwise). */
  static RoundRecord load(Path dir) throws IOException {
    return new RoundRecord(
        dir.getFileName().toString(), read(dir.resolve(MEASURED)), readEvents(dir.resolve(EVENTS)));
  }

  static boolean eventsCounted(Path dir) {
    return Files.isRegularFile(dir.resolve(EVENTS));
  }

  static void saveEvents(Path dir, HistoryCensus.Tally tally) throws IOException {
    Properties p = new Properties();
    p.setProperty("handoffs", "" + tally.handoffs());
    p.setProperty("withoutCloseEvent", "" + tally.withoutCloseEvent());
    p.setProperty("activityPendingAtClose", "" + tally.activityPendingAtClose());
    p.setProperty("handedOffBeforeClose", "" + tally.handedOffBeforeClose());
    p.setProperty("toIdleBytes", format(tally.toIdleBytes()));
    p.setProperty("totalBytes", format(tally.totalBytes()));
    tally.toIdle().forEach((type, mean) -> p.setProperty("toIdle." + type, format(mean)));
    tally.total().forEach((type, mean) -> p.setProperty("total." + type, format(mean)));
    try (Writer writer = Files.newBufferedWriter(dir.resolve(EVENTS))) {
      p.store(writer, "history events per handoff (means over the round's measured handoffs)");
    }
  }

  private static HistoryCensus.Tally readEvents(Path file) throws IOException {
    Properties p = read(file);
    Map<String, Double> toIdle = new TreeMap<>();
    Map<String, Double> total = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("toIdle.")) {
        toIdle.put(key.substring("toIdle.".length()), Double.parseDouble(p.getProperty(key)));
      } else if (key.startsWith("total.")) {
        total.put(key.substring("total.".length()), Double.parseDouble(p.getProperty(key)));
      }
    }
    return new HistoryCensus.Tally(
        Integer.parseInt(p.getProperty("handoffs")),
        toIdle,
        total,
        Double.parseDouble(p.getProperty("toIdleBytes")),
        Double.parseDouble(p.getProperty("totalBytes")),
        Integer.parseInt(p.getProperty("withoutCloseEvent")),
        Integer.parseInt(p.getProperty("activityPendingAtClose")),
        Integer.parseInt(p.getProperty("handedOffBeforeClose")));
  }

  private static Properties read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      p.load(reader);
    }
    return p;
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
