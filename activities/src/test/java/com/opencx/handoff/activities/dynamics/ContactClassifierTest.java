package com.opencx.handoff.activities.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.activities.dynamics.ContactClassifier.PhoneRow;
import com.opencx.handoff.workflows.activities.DynamicsActivities.ContactMatch;
import com.opencx.handoff.workflows.model.ContactRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactClassifierTest {

  private static final String PHONE = "+447700900123";

  @Test
  void emailOneLinksSeveralAreAmbiguousNoneFallsThrough() {
    assertThat(ContactClassifier.email(List.of("c1")))
        .isEqualTo(new ContactMatch("c1", ContactRule.Email));
    assertThat(ContactClassifier.email(List.of("c1", "c2")))
        .isEqualTo(new ContactMatch(null, ContactRule.AmbiguousEmail));
    assertThat(ContactClassifier.email(List.of())).isNull();
  }

  @Test
  void oneMobileMatchLinksEvenWhenAnotherContactHasItAsTelephone() {
    List<PhoneRow> rows = List.of(row("c1", PHONE, null), row("c2", null, PHONE));
    assertThat(ContactClassifier.phone(rows, PHONE))
        .isEqualTo(new ContactMatch("c1", ContactRule.MobilePhone));
  }

  @Test
  void twoMobileMatchesAreAmbiguousEvenOnAFullPage() {
    List<PhoneRow> rows =
        List.of(row("c1", PHONE, null), row("c2", PHONE, null), row("c3", null, PHONE));
    assertThat(ContactClassifier.phone(rows, PHONE))
        .isEqualTo(new ContactMatch(null, ContactRule.AmbiguousPhone));
  }

  @Test
  void telephoneOnlyWhenNoMobileMatches() {
    assertThat(ContactClassifier.phone(List.of(row("c2", "+449999", PHONE)), PHONE))
        .isEqualTo(new ContactMatch("c2", ContactRule.Telephone1));
    assertThat(
            ContactClassifier.phone(List.of(row("c2", null, PHONE), row("c3", null, PHONE)), PHONE))
        .isEqualTo(new ContactMatch(null, ContactRule.AmbiguousPhone));
  }

  @Test
  void contactWithTheNumberInBothColumnsCountsOnceAsMobile() {
    assertThat(ContactClassifier.phone(List.of(row("c1", PHONE, PHONE)), PHONE))
        .isEqualTo(new ContactMatch("c1", ContactRule.MobilePhone));
  }

  @Test
  void nothingIsNoMatch() {
    assertThat(ContactClassifier.phone(List.of(), PHONE))
        .isEqualTo(new ContactMatch(null, ContactRule.NoMatch));
  }

  @Test
  void aFullPageWithAtMostOneMobileMatchIsUndecided() {
    // The fourth row, not returned, could be a second mobile match or the only one.
    assertThat(
            ContactClassifier.phone(
                List.of(row("c1", PHONE, null), row("c2", null, PHONE), row("c3", null, PHONE)),
                PHONE))
        .isNull();
    assertThat(
            ContactClassifier.phone(
                List.of(row("c1", null, PHONE), row("c2", null, PHONE), row("c3", null, PHONE)),
                PHONE))
        .isNull();
  }

  @Test
  void columnQueries() {
    assertThat(ContactClassifier.column(List.of("c1"), ContactRule.Telephone1))
        .isEqualTo(new ContactMatch("c1", ContactRule.Telephone1));
    assertThat(ContactClassifier.column(List.of("c1", "c2"), ContactRule.MobilePhone))
        .isEqualTo(new ContactMatch(null, ContactRule.AmbiguousPhone));
    assertThat(ContactClassifier.column(List.of(), ContactRule.MobilePhone)).isNull();
  }

  private static PhoneRow row(String id, String mobile, String telephone) {
    return new PhoneRow(id, mobile, telephone);
  }
}
