package com.opencx.handoff.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Round trip, rotation, and the failures that must be loud: wrong key, tampered ciphertext. */
class AesGcmPayloadCodecTest {

  private static final String OLD = PayloadKeys.generateSetting("2026-01");
  private static final String NEW = PayloadKeys.generateSetting("2026-12");

  private static final Payload PLAIN =
      Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
          .setData(ByteString.copyFromUtf8("{\"phone\":\"+14155550100\",\"name\":\"Ana\"}"))
          .build();

  @Test
  void aPayloadRoundTripsAndNothingOfItShowsInTheEncryptedForm() {
    AesGcmPayloadCodec codec = codec(NEW, null);

    Payload encrypted = codec.encode(List.of(PLAIN)).get(0);

    assertThat(encrypted.getMetadataMap().get("encoding").toStringUtf8())
        .isEqualTo("binary/encrypted");
    assertThat(encrypted.getMetadataMap().get("encryption-key-id").toStringUtf8())
        .isEqualTo("2026-12");
    assertThat(encrypted.toByteString().toStringUtf8()).doesNotContain("+1415", "Ana", "json");
    assertThat(codec.decode(List.of(encrypted))).containsExactly(PLAIN);
  }

  @Test
  void eachEncryptionUsesAFreshNonce() {
    AesGcmPayloadCodec codec = codec(NEW, null);
    assertThat(codec.encode(List.of(PLAIN)).get(0).getData())
        .isNotEqualTo(codec.encode(List.of(PLAIN)).get(0).getData());
  }

  @Test
  void afterARotationTheNewKeyEncryptsAndTheOldOneStillDecrypts() {
    Payload underOld = codec(OLD, null).encode(List.of(PLAIN)).get(0);
    AesGcmPayloadCodec rotated = codec(NEW + "," + OLD, "2026-12");

    assertThat(rotated.decode(List.of(underOld))).containsExactly(PLAIN);
    assertThat(rotated.encode(List.of(PLAIN)).get(0).getMetadataMap().get("encryption-key-id"))
        .isEqualTo(ByteString.copyFromUtf8("2026-12"));
  }

  @Test
  void aPayloadUnderAKeyNotConfiguredFailsNamingTheKeyId() {
    Payload underOld = codec(OLD, null).encode(List.of(PLAIN)).get(0);

    assertThatThrownBy(() -> codec(NEW, null).decode(List.of(underOld)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("'2026-01'")
        .hasMessageContaining("2026-12")
        .hasMessageNotContaining(NEW.substring(NEW.indexOf(':') + 1));
  }

  @Test
  void theRightIdWithAnotherKeyFailsInsteadOfReturningGarbage() {
    Payload encrypted = codec(NEW, null).encode(List.of(PLAIN)).get(0);
    String impostor = PayloadKeys.generateSetting("2026-12");

    assertThatThrownBy(() -> codec(impostor, null).decode(List.of(encrypted)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("AEADBadTagException");
  }

  @Test
  void aTamperedCiphertextOrKeyIdFailsLoudly() {
    AesGcmPayloadCodec codec = codec(NEW + "," + OLD, "2026-12");
    Payload encrypted = codec.encode(List.of(PLAIN)).get(0);
    byte[] data = encrypted.getData().toByteArray();
    data[data.length - 20] ^= 1;
    Payload flipped = encrypted.toBuilder().setData(ByteString.copyFrom(data)).build();
    Payload relabelled =
        encrypted.toBuilder()
            .putMetadata("encryption-key-id", ByteString.copyFromUtf8("2026-01"))
            .build();

    assertThatThrownBy(() -> codec.decode(List.of(flipped)))
        .isInstanceOf(PayloadCodecException.class);
    assertThatThrownBy(() -> codec.decode(List.of(relabelled)))
        .isInstanceOf(PayloadCodecException.class);
  }

  @Test
  void aPlainPayloadFromBeforeTheCodecPassesThrough() {
    assertThat(codec(NEW, null).decode(List.of(PLAIN))).containsExactly(PLAIN);
  }

  @Test
  void failureMessagesAreEncryptedByTheDataConverter() {
    DataConverter converter = HandoffDataConverter.create(PayloadKeys.parse(NEW, null));
    var failure =
        converter.exceptionToFailure(new IllegalStateException("no contact for ana@example.com"));

    assertThat(failure.getMessage()).doesNotContain("ana@example.com");
    assertThat(failure.hasEncodedAttributes()).isTrue();
    assertThat(converter.failureToException(failure).getMessage()).contains("ana@example.com");
  }

  private static AesGcmPayloadCodec codec(String keys, String active) {
    return new AesGcmPayloadCodec(PayloadKeys.parse(keys, active));
  }
}
