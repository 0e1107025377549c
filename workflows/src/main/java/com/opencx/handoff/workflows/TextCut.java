package com.opencx.handoff.workflows;

/**
 * Cuts text to a length at a word boundary with "…", the one rule for the conversation's subject
 * and description, and the reason large summaries stay out of the history's activity inputs: the
 * workflow passes on at most {@value #DESCRIPTION_MAX} characters of the AI's summary, which is all
 * that Dynamics keeps. Pure and deterministic, so workflow code may call it.
 */
public final class TextCut {

  /** Dataverse's limit on the conversation's {@code description}. */
  public static final int DESCRIPTION_MAX = 2000;

  private static final String ELLIPSIS = "…";

  private TextCut() {}

  /** The summary as the workflow hands it on: trimmed and cut to {@value #DESCRIPTION_MAX}. */
  public static String summary(String summary) {
    return summary == null ? null : cut(summary.strip(), DESCRIPTION_MAX);
  }

  /**
   * {@code text} unchanged when it fits in {@code max}; otherwise its longest prefix that ends at a
   * word boundary plus "…", in {@code max} characters. A first word longer than half the limit is
   * cut inside the word rather than leaving almost nothing (never between a surrogate pair).
   */
  public static String cut(String text, int max) {
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
