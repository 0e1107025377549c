package com.opencx.handoff.activities.dynamics;

/**
 * Shapes the AI's session summary into the conversation's {@code subject} (one line, at most 200
 * characters) and {@code description} (at most 2000). Dataverse rejects longer values with a 400
 * that no retry fixes, and a word cut in half reads badly in the rep's queue, so text that does not
 * fit is cut at the last word boundary and ends with "…", the ellipsis counted in the limit.
 */
final class WorkItemSubject {

  static final int SUBJECT_MAX = 200;
  static final int DESCRIPTION_MAX = 2000;
  static final String ELLIPSIS = "…";
  private static final String EMPTY_SUBJECT = "WhatsApp conversation";

  private WorkItemSubject() {}

  /** The summary on one line, whitespace collapsed, cut to {@value #SUBJECT_MAX} characters. */
  static String subject(String summary) {
    String line = summary == null ? "" : summary.strip().replaceAll("\\s+", " ");
    return line.isEmpty() ? EMPTY_SUBJECT : cut(line, SUBJECT_MAX);
  }

  /** The whole summary, trimmed, cut to {@value #DESCRIPTION_MAX} characters; null when empty. */
  static String description(String summary) {
    String text = summary == null ? "" : summary.strip();
    return text.isEmpty() ? null : cut(text, DESCRIPTION_MAX);
  }

  /**
   * {@code text} unchanged when it fits in {@code max}; otherwise its longest prefix that ends at a
   * word boundary plus "…", in {@code max} characters. A first word longer than half the limit is
   * cut inside the word rather than leaving almost nothing (never between a surrogate pair).
   */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int room = max - ELLIPSIS.length();
    int end = -1;
    for (int i = room; i > 0; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        end = i;
        break;
      }
    }
    if (end < 0 || trimEnd(text, end) < max / 2) {
      end = room;
      if (Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
    } else {
      end = trimEnd(text, end);
    }
    return text.substring(0, end) + ELLIPSIS;
  }

  /** Drops whitespace and dangling separators before {@code end}. */
  private static int trimEnd(String text, int end) {
    while (end > 0
        && (Character.isWhitespace(text.charAt(end - 1))
            || ",;:-–—".indexOf(text.charAt(end - 1)) >= 0)) {
      end--;
    }
    return end;
  }
}
