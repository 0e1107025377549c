package com.opencx.handoff.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Start-up refusals name the setting and the key id, all at once, and never the key. */
class PayloadKeysTest {

  private static final String GOOD = PayloadKeys.generateSetting("k1");

  @Test
  void oneKeyIsActiveByItself() {
    assertThat(PayloadKeys.parse(GOOD, null).activeId()).isEqualTo("k1");
  }

  @Test
  void everyProblemIsListedAtOnceWithoutTheKeyMaterial() {
    String shortKey = "short:" + Base64.getEncoder().encodeToString(new byte[16]);
    String setting = GOOD + "," + GOOD + "," + shortKey + ",nocolon,bad:%%%";

    assertThatThrownBy(() -> PayloadKeys.parse(setting, "k1"))
        .isInstanceOfSatisfying(
            PayloadKeys.InvalidKeysException.class,
            e -> {
              assertThat(e.problems())
                  .containsExactly(
                      "handoff.codec.keys: key id 'k1' is listed twice",
                      "handoff.codec.keys: key 'short' is 16 bytes; AES-256 needs exactly 32",
                      "handoff.codec.keys: each entry is <id>:<base64 key> with an id of 1-64"
                          + " letters, digits, '.', '_' or '-' (key 'nocolon' has no ':')",
                      "handoff.codec.keys: key 'bad' is not valid base64");
              assertThat(e.getMessage()).doesNotContain(GOOD.substring(3));
            });
  }

  @Test
  void noKeyAtAllIsRefusedSayingHowToMakeOne() {
    assertThatThrownBy(() -> PayloadKeys.parse(" ", null))
        .hasMessageContaining("handoff.codec.keys is required")
        .hasMessageContaining("openssl rand -base64 32");
  }

  @Test
  void severalKeysNeedAnActiveOneThatIsListed() {
    String two = GOOD + "," + PayloadKeys.generateSetting("k2");
    assertThatThrownBy(() -> PayloadKeys.parse(two, null))
        .hasMessageContaining("handoff.codec.active-key is required")
        .hasMessageContaining("k1, k2");
    assertThatThrownBy(() -> PayloadKeys.parse(two, "k3"))
        .hasMessageContaining("'k3' is not among handoff.codec.keys: k1, k2");
    assertThat(PayloadKeys.parse(two, "k2").activeId()).isEqualTo("k2");
  }

  @Test
  void itsTextNamesKeyIdsOnly() {
    PayloadKeys keys = PayloadKeys.parse(GOOD, null);
    assertThat(keys.toString()).isEqualTo("PayloadKeys[k1] active=k1");
  }
}
