package com.opencx.handoff.emulators.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ODataQueryTest {

  private static final Schema.Entity CONTACTS = Schema.entity("contacts").orElseThrow();

  @Test
  void combinesComparisonsWithAndOrNotAndParentheses() {
    Predicate<Map<String, Object>> filter =
        filter(
            "(emailaddress1 eq 'a@x.com' or mobilephone eq '+1') and not (statecode ne 0)"
                + " and telephone1 eq null");

    assertThat(filter.test(row("a@x.com", null, 0))).isTrue();
    assertThat(filter.test(row("b@x.com", "+1", 0))).isTrue();
    assertThat(filter.test(row("a@x.com", null, 1))).isFalse();
    assertThat(filter.test(row("b@x.com", null, 0))).isFalse();
  }

  @Test
  void refusesWhatTheEmulatorDoesNotImplement() {
    assertThatThrownBy(() -> filter("contains(emailaddress1,'x')"))
        .hasMessageContaining("function 'contains'");
    assertThatThrownBy(() -> filter("statecode gt 0")).hasMessageContaining("operator 'gt'");
    assertThatThrownBy(() -> filter("statecode eq 'zero'")).hasMessageContaining("Edm.Int32");
    assertThatThrownBy(() -> filter("emailaddress1 eq 'open")).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> ODataQuery.parse(CONTACTS, Map.of("$orderby", "lastname"), true))
        .hasMessageContaining("$orderby");
    assertThatThrownBy(() -> ODataQuery.parse(CONTACTS, Map.of("$top", "0"), true))
        .hasMessageContaining("$top");
  }

  private static Predicate<Map<String, Object>> filter(String text) {
    return ODataQuery.parse(CONTACTS, Map.of("$filter", text), true).filter();
  }

  private static Map<String, Object> row(String email, String mobile, int state) {
    Map<String, Object> row = new HashMap<>();
    row.put("emailaddress1", email);
    row.put("mobilephone", mobile);
    row.put("statecode", state);
    return row;
  }
}
