package com.opencx.handoff.activities.directline;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a long text (a summary, a transcript) into parts whose JSON-escaped UTF-8 size fits a byte
 * budget, so that each becomes one activity within Omnichannel's 28 KB (directline.md §3). It
 * measures what Jackson writes for a JSON string (raw UTF-8 up to U+FFFF; two bytes for a quote,
 * backslash or short-escaped control; six for other controls; twelve above U+FFFF, which Jackson
 * writes as an escaped surrogate pair), cuts only between code points, so no UTF-8 character or
 * surrogate pair is split, and prefers the last line break, else the last space, in the second half
 * of a part so that a reader sees whole lines. Lone surrogates, which cannot be encoded, become
 * U+FFFD first.
 */
final class TextSplitter {

  private TextSplitter() {}

  /** The parts of {@code text}: the first within {@code firstBudget} bytes, others {@code rest}. */
  static List<String> split(String text, int firstBudget, int restBudget) {
    if (firstBudget < 8 || restBudget < 8) {
      throw new IllegalArgumentException("budgets too small to carry any text");
    }
    String clean = withoutLoneSurrogates(text == null ? "" : text);
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (start < clean.length() || parts.isEmpty()) {
      int budget = parts.isEmpty() ? firstBudget : restBudget;
      int end = start;
      int used = 0;
      int lastNewline = -1;
      int lastSpace = -1;
      while (end < clean.length()) {
        int cp = clean.codePointAt(end);
        int size = escapedSize(cp);
        if (used + size > budget) {
          break;
        }
        used += size;
        end += Character.charCount(cp);
        if (cp == '\n') {
          lastNewline = end;
        } else if (cp == ' ') {
          lastSpace = end;
        }
      }
      if (end < clean.length()) {
        int half = start + (end - start) / 2;
        if (lastNewline > half) {
          end = lastNewline;
        } else if (lastSpace > half) {
          end = lastSpace;
        }
      }
      parts.add(clean.substring(start, end));
      start = end;
    }
    return parts;
  }

  /** Bytes Jackson writes for one code point inside a JSON string. */
  static int escapedSize(int cp) {
    if (cp == '"'
        || cp == '\\'
        || cp == '\n'
        || cp == '\r'
        || cp == '\t'
        || cp == '\b'
        || cp == '\f') {
      return 2;
    }
    if (cp < 0x20) {
      return 6;
    }
    if (cp < 0x80) {
      return 1;
    }
    if (cp < 0x800) {
      return 2;
    }
    // Jackson's UTF-8 generator writes a surrogate pair as two \\u escapes, unless told otherwise.
    return cp < 0x10000 ? 3 : 12;
  }

  private static String withoutLoneSurrogates(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
