package com.opencx.handoff.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line of defence for customer data in logs: whatever a log line carries, a phone number
 * or an email in it is masked before the line is written. The code avoids logging such data in the
 * first place; this catches what slips through, such as a far side's error message quoting a
 * request. A phone is an international number ({@code +} and 7 to 15 digits, spaces, dots, dashes
 * or parentheses between them) or a bare run of 10 to 15 digits standing alone (WhatsApp ids are
 * E.164 without the {@code +}); it keeps its last two digits. Dates, times, GUIDs and durations are
 * left alone: their digits come in shorter runs or are joined by {@code -} or {@code :} to other
 * runs. An email keeps only its top-level domain.
 */
public final class PiiMask {

  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9._%+-](?:[A-Za-z0-9._%+'-]*[A-Za-z0-9._%+-])?@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.([A-Za-z]{2,24})");

  private static final Pattern PHONE =
      Pattern.compile(
          "\\+\\d(?:[ .()-]{0,2}\\d){6,14}(?![\\w])" + "|(?<![\\w.:/+-])\\d{10,15}(?![\\w.:/-])");

  private PiiMask() {}

  /** {@code text} with every phone number and email masked; {@code null} stays {@code null}. */
  public static String mask(String text) {
    if (text == null || text.isEmpty() || !mayHoldPii(text)) {
      return text;
    }
    return phones(emails(text));
  }

  // Cheap pre-check: most lines have neither an @ nor seven digits in a row-ish.
  private static boolean mayHoldPii(String text) {
    int digits = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '@') {
        return true;
      }
      digits = Character.isDigit(c) ? digits + 1 : (c == ' ' || c == '-' ? digits : 0);
      if (digits >= 7) {
        return true;
      }
    }
    return false;
  }

  private static String emails(String text) {
    Matcher m = EMAIL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement("***@***." + m.group(1)));
    }
    return m.appendTail(out).toString();
  }

  private static String phones(String text) {
    Matcher m = PHONE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String digits = m.group().replaceAll("\\D", "");
      String kept = digits.substring(digits.length() - 2);
      String prefix = m.group().startsWith("+") ? "+" : "";
      m.appendReplacement(out, Matcher.quoteReplacement(prefix + "*".repeat(8) + kept));
    }
    return m.appendTail(out).toString();
  }
}
