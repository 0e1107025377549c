package com.opencx.handoff.benchmarks.beforeafter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The report's medians and ratios, from made-up rounds: formatting only, nothing measured. */
class MarkdownReportTest {

  @Test
  void warmUpsStayOutOfTheMediansAndRatiosCompareTheMedians() {
    List<RoundRecord> rounds =
        List.of(
            round("before", "warmup", 1.0, 100),
            round("after", "warmup", 1.0, 100),
            round("before", "1", 4.0, 44),
            round("after", "1", 6.0, 22),
            round("before", "2", 6.0, 44),
            round("after", "2", 10.0, 22));
    MarkdownReport report = new MarkdownReport(new Properties(), rounds);

    assertThat(report.median("before", r -> r.number("handoffsPerSecond"))).isEqualTo(5.0);
    assertThat(report.median("after", r -> r.number("handoffsPerSecond"))).isEqualTo(8.0);
    String md = report.render();
    assertThat(md)
        .contains("| warm-up | _BEFORE_ | 1.0 |")
        .contains("| **median** | **BEFORE** | **5.0** |")
        .contains("| **ratio** | **AFTER / BEFORE** | **1.60** |")
        .contains("| `UpsertWorkflowSearchAttributes` | 44.00 | 22.00 | 0.50 |")
        .contains("Checks: in every round");
  }

  @Test
  void aRatioOfNothingToNothingIsADash() {
    assertThat(MarkdownReport.ratio(0, 0)).isEqualTo("—");
    assertThat(MarkdownReport.ratio(3, 0)).isEqualTo("n/a");
    assertThat(MarkdownReport.ratio(1, 4)).isEqualTo("0.25");
  }

  private static RoundRecord round(String side, String round, double perSecond, double upserts) {
    Properties measured = new Properties();
    measured.setProperty("side", side);
    measured.setProperty("round", round);
    measured.setProperty("handoffsPerSecond", "" + perSecond);
    measured.setProperty("completed", "10");
    Map<String, Double> counts = Map.of("UpsertWorkflowSearchAttributes", upserts);
    return new RoundRecord(
        round + "-" + side,
        measured,
        new HistoryCensus.Tally(10, counts, counts, 1024, 2048, 0, 0, 10));
  }
}
