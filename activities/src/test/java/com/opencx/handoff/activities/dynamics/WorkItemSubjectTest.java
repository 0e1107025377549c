package com.opencx.handoff.activities.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkItemSubjectTest {

  @Test
  void shortSummaryIsTheSubjectTrimmed() {
    assertThat(WorkItemSubject.subject("  Customer wants a refund for order 42.  "))
        .isEqualTo("Customer wants a refund for order 42.");
  }

  @Test
  void subjectIsOneLine() {
    assertThat(WorkItemSubject.subject("Refund request.\n\nOrder 42\tdamaged."))
        .isEqualTo("Refund request. Order 42 damaged.");
  }

  @Test
  void exactlyTwoHundredCharactersAreKept() {
    String summary = "a".repeat(100) + " " + "b".repeat(99);
    assertThat(summary).hasSize(200);
    assertThat(WorkItemSubject.subject(summary)).isEqualTo(summary);
  }

  @Test
  void longSummaryIsCutAtAWordBoundaryWithAnEllipsisWithinTheLimit() {
    StringBuilder summary = new StringBuilder();
    for (int i = 0; summary.length() < 300; i++) {
      summary.append("word").append(i).append(' ');
    }

    String subject = WorkItemSubject.subject(summary.toString());

    assertThat(subject).hasSizeLessThanOrEqualTo(200).endsWith("…");
    String kept = subject.substring(0, subject.length() - 1);
    assertThat(summary.toString()).startsWith(kept + " ");
    assertThat(kept).doesNotEndWith(" ").matches(".*word\\d+$");
    // No whole word that would still have fitted was dropped.
    String nextWord = summary.substring(kept.length() + 1).split(" ")[0];
    assertThat(kept.length() + 1 + nextWord.length() + 1).isGreaterThan(200);
  }

  @Test
  void cutDropsADanglingComma() {
    String summary = "x".repeat(190) + ", " + "y".repeat(20);
    assertThat(WorkItemSubject.subject(summary)).isEqualTo("x".repeat(190) + "…");
  }

  @Test
  void oneEnormousWordIsCutInsideTheWordButNeverInsideASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    String summary = "a".repeat(198) + emoji + "tail";

    String subject = WorkItemSubject.subject(summary);

    assertThat(subject).isEqualTo("a".repeat(198) + "…");
    assertThat(WorkItemSubject.subject("a".repeat(500))).isEqualTo("a".repeat(199) + "…");
  }

  @Test
  void descriptionKeepsTheWholeSummaryUpToTwoThousand() {
    String summary = "Line one.\nLine two.";
    assertThat(WorkItemSubject.description("  " + summary + " ")).isEqualTo(summary);

    String long_ = ("lorem ipsum ").repeat(200);
    String description = WorkItemSubject.description(long_);
    assertThat(description).hasSizeLessThanOrEqualTo(2000).matches("(?s).* (lorem|ipsum)…");
    assertThat(description.length()).isGreaterThan(1980);
  }

  @Test
  void emptySummaryStillGivesTheRequiredSubject() {
    assertThat(WorkItemSubject.subject("  ")).isEqualTo("WhatsApp conversation");
    assertThat(WorkItemSubject.description(null)).isNull();
  }
}
