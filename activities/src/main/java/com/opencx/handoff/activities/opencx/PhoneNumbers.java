package com.opencx.handoff.activities.opencx;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Normalises a customer's phone number to E.164 with libphonenumber. WhatsApp numbers are
 * international, so no default region is assumed: the number must start with {@code +} and its
 * country code, and must be a valid number for that country (not merely plausible), because it
 * becomes the {@code customerPhone} the rep sees and the key for contact matching.
 */
final class PhoneNumbers {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  /** The number in E.164 ({@code +447911123456}), or empty when absent or not valid. */
  static Optional<String> toE164(String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      PhoneNumber number = UTIL.parse(raw.strip(), null);
      return UTIL.isValidNumber(number)
          ? Optional.of(UTIL.format(number, PhoneNumberFormat.E164))
          : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}
