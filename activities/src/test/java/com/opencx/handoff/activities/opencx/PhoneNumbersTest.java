package com.opencx.handoff.activities.opencx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

  @ParameterizedTest
  @CsvSource({
    "+447911123456, +447911123456",
    "'+44 7911 123456', +447911123456",
    "' +1 (201) 555-0123 ', +12015550123",
    "+49 151 23456789, +4915123456789",
    "+55 11 96123-4567, +5511961234567"
  })
  void formatsValidInternationalNumbersAsE164(String raw, String e164) {
    assertThat(PhoneNumbers.toE164(raw)).contains(e164);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "07911123456", // national format: no default region is assumed
        "447911123456", // country code without +
        "+44 1", // too short
        "+1 000 000 0000", // not a valid US number
        "+999 123456789", // no such country code
        "call me"
      })
  void rejectsMissingNationalOrInvalidNumbers(String raw) {
    assertThat(PhoneNumbers.toE164(raw)).isEmpty();
  }
}
