package com.opencx.handoff.activities.dynamics;

import com.opencx.handoff.workflows.TextCut;

/**
 * Shapes the AI's session summary into the conversation's {@code subject} (one line, at most 200
 * characters) and {@code description} (at most 2000). Dataverse rejects longer values with a 400
 * that no retry fixes, and a word cut in half reads badly in the rep's queue, so text that does not
 * fit is cut at the last word boundary and ends with "…", the ellipsis counted in the limit.
 */
final class WorkItemSubject {

  static final int SUBJECT_MAX = 200;
  static final int DESCRIPTION_MAX = TextCut.DESCRIPTION_MAX;
  private static final String EMPTY_SUBJECT = "WhatsApp conversation";

  private WorkItemSubject() {}

  /** The summary on one line, whitespace collapsed, cut to {@value #SUBJECT_MAX} characters. */
  static String subject(String summary) {
    String line = summary == null ? "" : summary.strip().replaceAll("\\s+", " ");
    return line.isEmpty() ? EMPTY_SUBJECT : TextCut.cut(line, SUBJECT_MAX);
  }

  /** The whole summary, trimmed, cut to {@value #DESCRIPTION_MAX} characters; null when empty. */
  static String description(String summary) {
    String text = summary == null ? "" : summary.strip();
    return text.isEmpty() ? null : TextCut.cut(text, DESCRIPTION_MAX);
  }
}
