package com.opencx.handoff.starter.api;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.regex.Pattern;

/**
 * The customer's phone as the API accepts it: an international number as people write it ({@code
 * +44 20 7946 0958}, {@code +1 (415) 555-0100}), parsed by libphonenumber without a default region,
 * so the {@code +} and the country code are required: nothing says which country a national number
 * belongs to. A valid number is passed on in E.164, the one form Dataverse's phone match and the
 * work item's context item use. A refusal says which part is wrong and never repeats the number.
 */
final class PhoneRule {

  static final int MAX_LENGTH = 32;

  /**
   * What may follow the {@code +}. libphonenumber alone is lenient: it reads letters as a keypad's
   * digits and drops an extension, either of which would hand a rep a number nobody typed.
   */
  private static final Pattern WRITTEN_FORM = Pattern.compile("[0-9 ().-]*");

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneRule() {}

  /** Why the phone is refused, or null when it is a valid number. */
  static String problem(String phone) {
    String written = phone.trim();
    if (written.length() > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters";
    }
    if (!written.startsWith("+")) {
      return "must start with + and the country code, e.g. +14155550100 (E.164)";
    }
    if (!WRITTEN_FORM.matcher(written.substring(1)).matches()) {
      return "may hold only digits, spaces, '-', '.', '(' and ')' after the +";
    }
    if (written.chars().filter(Character::isDigit).count() < 3) {
      return "is too short to be a phone number";
    }
    PhoneNumber number;
    try {
      number = UTIL.parse(written, null);
    } catch (NumberParseException e) {
      return switch (e.getErrorType()) {
        case INVALID_COUNTRY_CODE -> "has no country code known after the +";
        case TOO_LONG -> "is too long to be a phone number";
        default -> "is too short to be a phone number";
      };
    }
    if (!UTIL.isValidNumber(number)) {
      return "is not a valid number for +"
          + number.getCountryCode()
          + " (wrong length or an unassigned range)";
    }
    return null;
  }

  /** The E.164 form of a phone that {@link #problem} accepted. */
  static String e164(String phone) {
    try {
      return UTIL.format(UTIL.parse(phone.trim(), null), PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      throw new IllegalArgumentException("not a phone number the API accepted", e);
    }
  }
}
