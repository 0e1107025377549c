package com.opencx.handoff.benchmarks.beforeafter;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The last step of {@code benchmarks/before-after.sh}, run on the working tree's classpath: for
 * every round directory under {@code --dir}/rounds (in the order they ran, by name), counts the
 * history events of the round's measured handoffs on the Temporal server at {@code --temporal}
 * unless they were counted already, then prints the Markdown report to stdout and writes it to
 * {@code --dir}/report.md. {@code --dir}/run.properties says what was compared (revisions, sizes,
 * server version). Without {@code --temporal} it only reprints from the saved counts. Usage: {@code
 * java -cp … com.opencx.handoff.benchmarks.beforeafter.BeforeAfterReport --dir D [--temporal
 * host:port]}.
 */
public final class BeforeAfterReport {

  private BeforeAfterReport() {}

  public static void main(String[] argv) throws Exception {
    Path dir = null;
    String temporal = null;
    for (int i = 0; i + 1 < argv.length; i += 2) {
      switch (argv[i]) {
        case "--dir" -> dir = Path.of(argv[i + 1]);
        case "--temporal" -> temporal = argv[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + argv[i]);
      }
    }
    if (dir == null) {
      throw new IllegalArgumentException("use --dir <run directory> [--temporal host:port]");
    }
    List<Path> roundDirs;
    try (Stream<Path> listing = Files.list(dir.resolve("rounds"))) {
      roundDirs = listing.filter(RoundRecord::complete).sorted().toList();
    }
    if (temporal != null) {
      try (HistoryCensus census = new HistoryCensus(temporal)) {
        for (Path round : roundDirs) {
          if (!RoundRecord.eventsCounted(round)) {
            RoundRecord.saveEvents(round, census.count(RoundRecord.workflowIds(round)));
          }
        }
      }
    }
    List<RoundRecord> rounds = new ArrayList<>();
    for (Path round : roundDirs) {
      if (RoundRecord.eventsCounted(round)) {
        rounds.add(RoundRecord.load(round));
      } else {
        System.err.println("skipped " + round + ": its events were never counted");
      }
    }
    Properties run = new Properties();
    Path runFile = dir.resolve("run.properties");
    if (Files.isRegularFile(runFile)) {
      try (Reader reader = Files.newBufferedReader(runFile)) {
        run.load(reader);
      }
    }
    String report = new MarkdownReport(run, rounds).render();
    Files.writeString(dir.resolve("report.md"), report);
    System.out.print(report);
    System.exit(0); // gRPC's threads must not keep the JVM up
  }
}
