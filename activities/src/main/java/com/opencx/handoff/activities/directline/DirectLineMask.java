package com.opencx.handoff.activities.directline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks email addresses and phone numbers in a Direct Line error message before it becomes part of
 * a Temporal failure (and so of the status document, the audit and the logs). Direct Line's
 * messages are free text that is not promised to be stable (directline.md §3) and may quote the
 * activity we sent, whose {@code channelData} carries the customer's phone and email. Unlike
 * Dataverse's messages they name no OData annotations, so every {@code x@y.z} is masked; digit runs
 * of seven or more (with or without {@code +}) are masked as phones, which Direct Line's own codes
 * and short ids never are. The masks match the Dataverse ones so operators see one vocabulary.
 */
final class DirectLineMask {

  static final String EMAIL_MASK = "[email]";
  static final String PHONE_MASK = "[phone]";

  private static final Pattern EMAIL =
      Pattern.compile(
          "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]+(?:@|%40)[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
  private static final Pattern PHONE = Pattern.compile("(?:\\+|%2[Bb])?\\d[\\d\\s().-]{5,}\\d");
  private static final int MIN_PHONE_DIGITS = 7;

  private DirectLineMask() {}

  /** {@code message} with every email and phone-like digit run masked; "" for null. */
  static String mask(String message) {
    if (message == null) {
      return "";
    }
    String noEmails = EMAIL.matcher(message).replaceAll(Matcher.quoteReplacement(EMAIL_MASK));
    Matcher m = PHONE.matcher(noEmails);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String digits = m.group().replaceAll("\\D", "");
      int count = digits.length() - (m.group().startsWith("%") ? 1 : 0);
      m.appendReplacement(
          out, Matcher.quoteReplacement(count >= MIN_PHONE_DIGITS ? PHONE_MASK : m.group()));
    }
    return m.appendTail(out).toString();
  }
}
