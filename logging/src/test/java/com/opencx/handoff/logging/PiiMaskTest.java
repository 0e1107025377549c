package com.opencx.handoff.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiMaskTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "contact +4915112345678 not found|contact +********78 not found",
        "call +49 151 1234-5678 now|call +********78 now",
        "phone (+1 (415) 555-0142)|phone (+********42)",
        "wa_id 4915112345678 from OpenCX|wa_id ********78 from OpenCX",
        "mobilephone eq '+4915112345678'|mobilephone eq '+********78'",
        "mail o'brien.jane+x@example.co.uk bounced|mail ***@***.uk bounced",
        "emailaddress1 eq 'jane@example.com' and statecode eq 0|emailaddress1 eq '***@***.com' and statecode eq 0",
      })
  void masksPhonesAndEmails(String line, String masked) {
    assertThat(PiiMask.mask(line)).isEqualTo(masked);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "retrying at 2026-12-02T17:04:05.123Z in PT30M",
        "work item 6b0f3f62-7f4e-4c53-9f1c-2a8f3d5e9a10 created",
        "work item 00000000-0000-4000-8000-000000000001 created",
        "GET /api/data/v9.2/msdyn_ocliveworkitems(6b0f3f62-7f4e-4c53-9f1c-2a8f3d5e9a10) 200 in 1234 ms",
        "Temporal at 127.0.0.1:7233 is not reachable yet; retrying in 5s",
        "upload of 16777216 bytes refused: maxuploadfilesize 5242880",
        "session s-1234567 attempt 3 of activity CreateWorkItem",
        "directline conversation 8a7sd6f5As4d-eu activity 8a7sd6f5As4d-eu|0000012",
      })
  void leavesIdsTimesAndSizesAlone(String line) {
    assertThat(PiiMask.mask(line)).isEqualTo(line);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "no digits here"})
  void leavesPlainTextAlone(String line) {
    assertThat(PiiMask.mask(line)).isSameAs(line);
  }
}
