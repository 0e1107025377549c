package com.opencx.handoff.activities.directline;

import static com.opencx.handoff.activities.directline.DirectLineTestSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Omnichannel activity shape of directline.md §4 (the sample's lowercase names), context only
 * on the first activity, our id on every one, and long texts split within 28,000 serialized bytes
 * without cutting a character.
 */
class ActivityBuilderTest {

  private static final ActivityBuilder.HandoffContext CONTEXT =
      new ActivityBuilder.HandoffContext(
          "sess-1",
          "Jane Doe",
          "whatsapp",
          "+447700900123",
          "jane@example.com",
          Instant.parse("2025-03-01T10:15:30Z"));

  @Test
  void theFirstActivityIsTheSamplesShapeWithContextAndOurIdLast() throws Exception {
    List<ObjectNode> activities = ActivityBuilder.first(CONTEXT, "msg-1", "Summary: refund");

    assertThat(activities).hasSize(1);
    String from = ActivityBuilder.fromId("sess-1");
    JsonNode expected =
        parse(
            "{\"type\":\"message\",\"from\":{\"id\":\""
                + from
                + "\",\"name\":\"Jane Doe\"},\"text\":\"Summary: refund\",\"channelData\":{"
                + "\"channeltype\":\"whatsapp\",\"conversationcontext\":{\"sessionId\":\"sess-1\","
                + "\"channel\":\"whatsapp\",\"customerPhone\":\"+447700900123\","
                + "\"whatsappWindowClosesAt\":\"2025-03-01T10:15:30Z\"},\"customercontext\":{"
                + "\"email\":\"jane@example.com\",\"phonenumber\":\"+447700900123\"},"
                + "\"opencxMessageId\":\"msg-1\"}}");
    assertThat(activities.get(0)).isEqualTo(expected);
    // Same key order as the sample and the reference, our id last.
    assertThat(activities.get(0).toString()).isEqualTo(expected.toString());
  }

  @Test
  void laterActivitiesCarryOnlyOurId() throws Exception {
    ObjectNode later =
        ActivityBuilder.later("sess-1", "Jane Doe", "msg-2", "one more thing").get(0);

    assertThat(later.path("channelData")).isEqualTo(parse("{\"opencxMessageId\":\"msg-2\"}"));
    assertThat(later.path("from").path("id").asText()).isEqualTo(ActivityBuilder.fromId("sess-1"));
    assertThat(ActivityBuilder.ourIdOf(later)).isEqualTo("msg-2");
  }

  @Test
  void missingContextValuesAreLeftOut() {
    ActivityBuilder.HandoffContext bare =
        new ActivityBuilder.HandoffContext("sess-2", null, "whatsapp", "+15550001111", null, null);

    JsonNode channelData = ActivityBuilder.first(bare, "m", "t").get(0).path("channelData");

    assertThat(channelData.path("customercontext").has("email")).isFalse();
    assertThat(channelData.path("conversationcontext").has("whatsappWindowClosesAt")).isFalse();
    assertThat(ActivityBuilder.first(bare, "m", "t").get(0).path("from").has("name")).isFalse();
  }

  @Test
  void fromIdIsStablePerSessionAndDiffersBetweenSessions() {
    assertThat(ActivityBuilder.fromId("sess-1"))
        .isEqualTo(ActivityBuilder.fromId("sess-1"))
        .isNotEqualTo(ActivityBuilder.fromId("sess-2"))
        .matches("opencx-[0-9a-f]{32}");
  }

  @Test
  void aLongTranscriptIsSplitWithin28000BytesWithoutCuttingACharacter() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 90_000; i++) {
      // Multi-byte letters, an astral emoji (a surrogate pair), quotes and newlines that JSON
      // escapes.
      text.append("Kunde ").append(i).append(": Grüße \"ok\" 👍🏽 — привет\n");
    }

    List<ObjectNode> parts = ActivityBuilder.first(CONTEXT, "msg-3", text.toString());

    assertThat(parts).hasSizeGreaterThan(3);
    StringBuilder joined = new StringBuilder();
    List<String> ids = new ArrayList<>();
    for (ObjectNode part : parts) {
      // What the client sends (Jackson's bytes) and the UTF-8 of the JSON text both fit.
      assertThat(ActivityBuilder.size(part))
          .isLessThanOrEqualTo(ActivityBuilder.MAX_ACTIVITY_BYTES - ActivityBuilder.RESERVED_BYTES);
      assertThat(part.toString().getBytes(StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(ActivityBuilder.MAX_ACTIVITY_BYTES);
      String chunk = part.path("text").asText();
      assertThat(Character.isLowSurrogate(chunk.charAt(0))).isFalse();
      assertThat(Character.isHighSurrogate(chunk.charAt(chunk.length() - 1))).isFalse();
      assertThat(chunk).endsWith("\n");
      joined.append(chunk);
      ids.add(ActivityBuilder.ourIdOf(part));
    }
    assertThat(joined.toString()).isEqualTo(text.toString());
    assertThat(ids.subList(0, 3)).containsExactly("msg-3", "msg-3#2", "msg-3#3");
    assertThat(parts.get(0).path("channelData").has("conversationcontext")).isTrue();
    assertThat(parts.get(1).path("channelData").has("conversationcontext")).isFalse();
  }

  @Test
  void aTextWithoutSpacesIsCutBetweenCodePoints() {
    String text = "😀".repeat(20_000); // 80,000 UTF-8 bytes, no break opportunity

    List<ObjectNode> parts = ActivityBuilder.later("sess-1", null, "m", text);

    StringBuilder joined = new StringBuilder();
    for (ObjectNode part : parts) {
      assertThat(ActivityBuilder.size(part))
          .isLessThanOrEqualTo(ActivityBuilder.MAX_ACTIVITY_BYTES);
      String chunk = part.path("text").asText();
      assertThat(chunk.codePoints().allMatch(cp -> cp == 0x1F600)).isTrue();
      joined.append(chunk);
    }
    assertThat(joined.toString()).isEqualTo(text);
  }

  @Test
  void aLoneSurrogateBecomesAReplacementCharacter() {
    String text = "a\uD83Db";
    assertThat(ActivityBuilder.later("s", null, "m", text).get(0).path("text").asText())
        .isEqualTo("a\uFFFDb");
  }
}
