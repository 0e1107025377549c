package com.opencx.handoff.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.opencx.handoff.starter.api.RequestValidator.Violation;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffRequest.Customer;
import com.opencx.handoff.workflows.model.InboundMessage;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.TranscriptEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API's bad-input rules of SPEC §6, one by one, against a fixed clock: each refused request
 * must come back with the exact JSON path of the offending field and a rule text that tells the
 * caller what is wrong, valid edge cases (a 128-character session id, a US and a UK mobile number,
 * a timestamp 4 minutes ahead, 20 media items) must pass, and a request breaking several rules must
 * report all of them at once instead of one per round trip.
 */
class RequestValidatorTest {

  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final String WORKSTREAM = "5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f";

  private final RequestValidator validator = new RequestValidator(Clock.fixed(NOW, ZoneOffset.UTC));

  private static MediaItem media(String id, String mimeType) {
    return new MediaItem(id, mimeType, 2048L, id + ".bin", null);
  }

  private static HandoffRequest request(
      String sessionId,
      Customer customer,
      String summary,
      Instant lastInboundAt,
      List<MediaItem> media,
      String workstreamId) {
    return new HandoffRequest(
        sessionId, "whatsapp", customer, summary, lastInboundAt, media, workstreamId);
  }

  private static HandoffRequest valid() {
    return request(
        "sess_01-ABC",
        new Customer("+14155550100", "Ana", "ana@example.com"),
        "Customer asks for a refund of order 1234.",
        NOW.minus(Duration.ofMinutes(3)),
        List.of(media("m-1", "image/jpeg")),
        WORKSTREAM);
  }

  private static HandoffRequest withSessionId(String sessionId) {
    HandoffRequest r = valid();
    return request(
        sessionId, r.customer(), r.summary(), r.lastInboundAt(), r.media(), r.workstreamId());
  }

  private static HandoffRequest withCustomer(Customer customer) {
    HandoffRequest r = valid();
    return request(
        r.sessionId(), customer, r.summary(), r.lastInboundAt(), r.media(), r.workstreamId());
  }

  private static HandoffRequest withPhone(String phone) {
    return withCustomer(new Customer(phone, "Ana", "ana@example.com"));
  }

  private static HandoffRequest withEmail(String email) {
    return withCustomer(new Customer("+14155550100", "Ana", email));
  }

  private static HandoffRequest withSummary(String summary) {
    HandoffRequest r = valid();
    return request(
        r.sessionId(), r.customer(), summary, r.lastInboundAt(), r.media(), r.workstreamId());
  }

  private static HandoffRequest withLastInboundAt(Instant at) {
    HandoffRequest r = valid();
    return request(r.sessionId(), r.customer(), r.summary(), at, r.media(), r.workstreamId());
  }

  private static HandoffRequest withMedia(List<MediaItem> media) {
    HandoffRequest r = valid();
    return request(
        r.sessionId(), r.customer(), r.summary(), r.lastInboundAt(), media, r.workstreamId());
  }

  private static HandoffRequest withWorkstreamId(String workstreamId) {
    HandoffRequest r = valid();
    return request(
        r.sessionId(), r.customer(), r.summary(), r.lastInboundAt(), r.media(), workstreamId);
  }

  /** The single violation the request produced. */
  private Violation onlyViolation(HandoffRequest request) {
    List<Violation> violations = validator.validate(request);
    assertThat(violations).hasSize(1);
    return violations.get(0);
  }

  @Test
  void aCompleteRequestPasses() {
    assertThat(validator.validate(valid())).isEmpty();
  }

  @Test
  void optionalFieldsMayBeLeftOut() {
    HandoffRequest minimal =
        request(
            "s1",
            new Customer("+14155550100", null, null),
            "Needs a human.",
            NOW.minus(Duration.ofHours(30)),
            null,
            null);
    assertThat(validator.validate(minimal)).isEmpty();
    assertThat(validator.validate(withEmail("  "))).isEmpty();
  }

  @Test
  void sessionIdIsRequired() {
    for (String missing : new String[] {null, "", "   "}) {
      Violation v = onlyViolation(withSessionId(missing));
      assertThat(v.field()).isEqualTo("sessionId");
      assertThat(v.rule()).isEqualTo("is required");
    }
  }

  @Test
  void sessionIdIsAtMost128Characters() {
    assertThat(validator.validate(withSessionId("a".repeat(128)))).isEmpty();

    Violation v = onlyViolation(withSessionId("a".repeat(129)));
    assertThat(v.field()).isEqualTo("sessionId");
    assertThat(v.rule()).contains("at most 128 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b", "ä", "sess 1", "s.1", "s1?x=1", "../x"})
  void sessionIdHoldsOnlyLettersDigitsUnderscoreAndDash(String sessionId) {
    Violation v = onlyViolation(withSessionId(sessionId));
    assertThat(v.field()).isEqualTo("sessionId");
    assertThat(v.rule()).contains("only letters, digits, '_' and '-'");
  }

  @Test
  void customerIsRequired() {
    Violation v = onlyViolation(withCustomer(null));
    assertThat(v.field()).isEqualTo("customer");
    assertThat(v.rule()).isEqualTo("is required");
  }

  @Test
  void phoneIsRequired() {
    for (String missing : new String[] {null, "", " "}) {
      Violation v = onlyViolation(withPhone(missing));
      assertThat(v.field()).isEqualTo("customer.phone");
      assertThat(v.rule()).isEqualTo("is required");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2125550100        | must start with + and the country code",
        "00447911123456    | must start with + and the country code",
        "+1415555          | is not a valid number for +1",
        "+44 20 7946 095   | is not a valid number for +44",
        "+999123456789     | has no country code known after the +",
        "+04155550100      | has no country code known after the +",
        "+                 | is too short to be a phone number",
        "+4                | is too short to be a phone number",
        "+44 20 7946 0958 x12 | may hold only digits, spaces, '-', '.', '(' and ')' after the +",
        "+1 800 FLOWERS    | may hold only digits, spaces, '-', '.', '(' and ')' after the +",
      })
  void aRefusedPhoneSaysWhy(String phone, String rule) {
    Violation v = onlyViolation(withPhone(phone));
    assertThat(v.field()).isEqualTo("customer.phone");
    assertThat(v.rule()).as("no echo of the number").startsWith(rule).doesNotContain(phone.trim());
  }

  @Test
  void anOverlongPhoneIsRefusedBeforeParsing() {
    Violation v = onlyViolation(withPhone("+44" + " 1".repeat(40)));
    assertThat(v.rule()).startsWith("must be at most 32 characters");
  }

  @ParameterizedTest
  @CsvSource({
    "+14155550100, +14155550100",
    "+447911123456, +447911123456",
    "+44 20 7946 0958, +442079460958",
    "+1-415-555-0100, +14155550100",
    "+1 (415) 555.0100, +14155550100",
    "' +44 7911 123456 ', +447911123456"
  })
  void validNumbersPassAndAreNormalisedToE164(String phone, String e164) {
    assertThat(validator.validate(withPhone(phone))).isEmpty();
    assertThat(validator.normalise(withPhone(phone)).customer().phone()).isEqualTo(e164);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ana", "ana@", "@example.com", "ana@example", "ana @example.com", "a@b@c.d"})
  void emailMustBeWellFormed(String email) {
    Violation v = onlyViolation(withEmail(email));
    assertThat(v.field()).isEqualTo("customer.email");
    assertThat(v.rule()).contains("must be an email address");
  }

  @Test
  void emailOver254CharactersIsRefused() {
    Violation v = onlyViolation(withEmail("a".repeat(250) + "@example.com"));
    assertThat(v.field()).isEqualTo("customer.email");
  }

  @Test
  void summaryMustNotBeEmpty() {
    for (String empty : new String[] {null, "", " \n\t"}) {
      Violation v = onlyViolation(withSummary(empty));
      assertThat(v.field()).isEqualTo("summary");
      assertThat(v.rule()).isEqualTo("must not be empty");
    }
  }

  @Test
  void lastInboundAtMayBeAtMostFiveMinutesAhead() {
    assertThat(validator.validate(withLastInboundAt(NOW.plus(Duration.ofMinutes(4))))).isEmpty();
    assertThat(validator.validate(withLastInboundAt(NOW.plus(Duration.ofMinutes(5))))).isEmpty();

    Violation v = onlyViolation(withLastInboundAt(NOW.plus(Duration.ofMinutes(5).plusSeconds(1))));
    assertThat(v.field()).isEqualTo("lastInboundAt");
    assertThat(v.rule()).contains("must not be in the future").contains("5 min");
  }

  @Test
  void lastInboundAtIsRequired() {
    Violation v = onlyViolation(withLastInboundAt(null));
    assertThat(v.field()).isEqualTo("lastInboundAt");
    assertThat(v.rule()).contains("is required").contains("ISO-8601");
  }

  @Test
  void atMostTwentyMediaItems() {
    List<MediaItem> twenty = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      twenty.add(media("m-" + i, "image/jpeg"));
    }
    assertThat(validator.validate(withMedia(twenty))).isEmpty();

    List<MediaItem> twentyOne = new ArrayList<>(twenty);
    twentyOne.add(media("m-20", "image/jpeg"));
    Violation v = onlyViolation(withMedia(twentyOne));
    assertThat(v.field()).isEqualTo("media");
    assertThat(v.rule()).isEqualTo("must hold at most 20 items");
  }

  @Test
  void mediaMimeTypeMustBeOneWhatsAppAccepts() {
    Violation v =
        onlyViolation(withMedia(List.of(media("m-0", "audio/ogg"), media("m-1", "image/gif"))));
    assertThat(v.field()).isEqualTo("media[1].mimeType");
    assertThat(v.rule()).contains("must be one of WhatsApp's media types").contains("image/jpeg");

    assertThat(onlyViolation(withMedia(List.of(media("m-0", null)))).field())
        .isEqualTo("media[0].mimeType");
  }

  @Test
  void everyWhatsAppMimeTypePasses() {
    List<MediaItem> items =
        RequestValidator.WHATSAPP_MIME_TYPES.stream().map(t -> media("m", t)).toList();
    assertThat(validator.validate(withMedia(items))).isEmpty();
  }

  @Test
  void mediaItemsNeedAnIdAndNoNegativeSize() {
    List<Violation> violations =
        validator.validate(
            withMedia(
                List.of(
                    new MediaItem(" ", "image/png", null, null, null),
                    new MediaItem("m-1", "image/png", -1L, null, null))));
    assertThat(violations)
        .containsExactly(
            new Violation("media[0].mediaId", "is required"),
            new Violation("media[1].sizeBytes", "must not be negative"));
  }

  @Test
  void theCustomerNameIsAtMost200Characters() {
    assertThat(
            validator.validate(
                withCustomer(new Customer("+14155550100", "A".repeat(200), "ana@example.com"))))
        .isEmpty();
    Violation v =
        onlyViolation(
            withCustomer(new Customer("+14155550100", "A".repeat(201), "ana@example.com")));
    assertThat(v).isEqualTo(new Violation("customer.name", "must be at most 200 characters"));
  }

  @Test
  void aMediaIdIsAtMost256Characters() {
    Violation v =
        onlyViolation(
            withMedia(List.of(new MediaItem("m".repeat(257), "image/png", 1L, null, null))));
    assertThat(v).isEqualTo(new Violation("media[0].mediaId", "must be at most 256 characters"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nb.pdf", "a\rb.pdf", "../etc/passwd", "dir/a.pdf", "dir\\a.pdf"})
  void aFileNameHasNoLineBreaksOrPathSeparators(String fileName) {
    Violation v =
        onlyViolation(
            withMedia(List.of(new MediaItem("m-1", "application/pdf", 1L, fileName, null))));
    assertThat(v.field()).isEqualTo("media[0].fileName");
    assertThat(v.rule()).isEqualTo("must be a bare file name: no line breaks, '/' or '\\'");
  }

  @Test
  void aFileNameIsAtMost255Characters() {
    Violation v =
        onlyViolation(
            withMedia(
                List.of(
                    new MediaItem("m-1", "application/pdf", 1L, "a".repeat(252) + ".pdf", null))));
    assertThat(v).isEqualTo(new Violation("media[0].fileName", "must be at most 255 characters"));
  }

  @Test
  void timestampsBefore2000AreRefused() {
    Violation v = onlyViolation(withLastInboundAt(Instant.parse("1999-12-31T23:59:59Z")));
    assertThat(v)
        .isEqualTo(new Violation("lastInboundAt", "must not be before 2000-01-01T00:00:00Z"));
    List<Violation> message =
        validator.validate(new InboundMessage("wamid.1", Instant.EPOCH, List.of()));
    assertThat(message)
        .containsExactly(new Violation("receivedAt", "must not be before 2000-01-01T00:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "default",
        "5f1c2b7e3d4a4e8b9c6d0a1b2c3d4e5f",
        "{5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f}",
        "5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5g",
        ""
      })
  void workstreamIdMustBeAGuid(String workstreamId) {
    Violation v = onlyViolation(withWorkstreamId(workstreamId));
    assertThat(v.field()).isEqualTo("workstreamId");
    assertThat(v.rule()).startsWith("must be a GUID");
  }

  @Test
  void workstreamIdAcceptsUpperCaseGuids() {
    assertThat(validator.validate(withWorkstreamId(WORKSTREAM.toUpperCase()))).isEmpty();
  }

  @Test
  void everyBrokenRuleIsReportedTogether() {
    HandoffRequest bad =
        request(
            "a/b",
            new Customer("4155550100", null, "not-an-email"),
            " ",
            NOW.plus(Duration.ofHours(1)),
            List.of(media("m-0", "image/gif")),
            "not-a-guid");

    assertThat(validator.validate(bad))
        .extracting(Violation::field)
        .containsExactly(
            "sessionId",
            "customer.phone",
            "customer.email",
            "summary",
            "lastInboundAt",
            "media[0].mimeType",
            "workstreamId");
  }

  @Test
  void anInboundMessageNeedsAnIdAndAPastTimestamp() {
    assertThat(validator.validate(new InboundMessage("wamid.1", NOW, null))).isEmpty();

    assertThat(
            validator.validate(
                new InboundMessage(
                    " ", NOW.plus(Duration.ofMinutes(6)), List.of(media("m", "image/gif")))))
        .containsExactly(
            new Violation("messageId", "is required"),
            new Violation("receivedAt", "must not be in the future (5 min clock skew allowed)"),
            new Violation(
                "media[0].mimeType",
                "must be one of WhatsApp's media types (e.g. image/jpeg, audio/ogg,"
                    + " application/pdf)"));

    assertThat(validator.validate(new InboundMessage("x".repeat(257), null, null)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("messageId", "must be at most 256 characters"),
            org.assertj.core.groups.Tuple.tuple(
                "receivedAt", "is required (ISO-8601, e.g. 2026-11-24T10:15:30Z)"));
  }

  @Test
  void anOperatorsWorkstreamIdMustBeAGuid() {
    RequestValidator.checkWorkstreamId(WORKSTREAM, "workstreamId");
    assertThatThrownBy(() -> RequestValidator.checkWorkstreamId("queue-1", "workstreamId"))
        .isInstanceOf(ApiErrors.InvalidRequest.class)
        .hasMessageStartingWith("workstreamId must be a GUID");
  }

  @Test
  void aTranscriptHoldsAtMost200EntriesAnd64KbEachFromTheCustomerOrTheAi() {
    HandoffRequest base = valid();
    TranscriptEntry line = new TranscriptEntry("customer", "Where is my refund?", NOW);
    assertThat(validator.validate(withTranscript(base, List.of(line, line)))).isEmpty();

    assertThat(
            validator.validate(
                withTranscript(
                    base,
                    List.of(
                        new TranscriptEntry("agent", "hi", NOW),
                        new TranscriptEntry("ai", " ", NOW.plus(Duration.ofHours(1)))))))
        .containsExactly(
            new Violation("transcript[0].from", "must be \"customer\" or \"ai\""),
            new Violation("transcript[1].text", "must not be empty"),
            new Violation(
                "transcript[1].at", "must not be in the future (5 min clock skew allowed)"));
    assertThat(validator.validate(withTranscript(base, java.util.Collections.nCopies(201, line))))
        .containsExactly(new Violation("transcript", "must hold at most 200 entries"));
    TranscriptEntry big = new TranscriptEntry("ai", "é".repeat(16_385), NOW); // 32,770 bytes
    assertThat(validator.validate(withTranscript(base, List.of(big, big))))
        .containsExactly(
            new Violation("transcript", "must hold at most 64 KB of text in all, not 65540 bytes"));
    assertThat(validator.normalise(withTranscript(base, List.of(line))).transcript())
        .containsExactly(line);
  }

  @Test
  void aMessagesTextIsAtMostWhatsAppsLength() {
    assertThat(validator.validate(new InboundMessage("wamid.2", NOW, "a".repeat(4096), null)))
        .isEmpty();
    assertThat(validator.validate(new InboundMessage("wamid.3", NOW, "a".repeat(4097), null)))
        .containsExactly(new Violation("text", "must be at most 4096 characters (WhatsApp's)"));
  }

  private static HandoffRequest withTranscript(HandoffRequest r, List<TranscriptEntry> transcript) {
    return new HandoffRequest(
        r.sessionId(),
        r.channel(),
        r.customer(),
        r.summary(),
        r.lastInboundAt(),
        r.media(),
        r.workstreamId(),
        transcript);
  }
}
