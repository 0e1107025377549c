package com.opencx.handoff.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every Temporal payload with AES-256-GCM: the whole serialised payload (data and
 * metadata, so not even its encoding leaks) under a fresh 96-bit nonce, the active key's id in the
 * new payload's metadata and bound to the ciphertext as associated data, encoding {@value
 * #ENCODING} as in Temporal's encryption samples. Decoding picks the key by that id, so histories
 * written under an older key still read after a rotation; a payload that is not encrypted
 * (histories from before the codec) passes through unchanged. A wrong key id or a tampered
 * ciphertext fails loudly: GCM's tag never lets garbage through.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {

  public static final String ENCODING = "binary/encrypted";
  public static final String KEY_ID = "encryption-key-id";
  static final String ENCODING_KEY = "encoding";

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);

  private final PayloadKeys keys;
  private final SecureRandom random = new SecureRandom();

  public AesGcmPayloadCodec(PayloadKeys keys) {
    this.keys = keys;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    List<Payload> encoded = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      encoded.add(encrypt(payload));
    }
    return encoded;
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    List<Payload> decoded = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      decoded.add(isEncrypted(payload) ? decrypt(payload) : payload);
    }
    return decoded;
  }

  static boolean isEncrypted(Payload payload) {
    return ENCODING_BYTES.equals(payload.getMetadataMap().get(ENCODING_KEY));
  }

  private Payload encrypt(Payload payload) {
    String keyId = keys.activeId();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = run(Cipher.ENCRYPT_MODE, keys.active(), nonce, keyId, payload.toByteArray());
    byte[] data = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    return Payload.newBuilder()
        .putMetadata(ENCODING_KEY, ENCODING_BYTES)
        .putMetadata(KEY_ID, ByteString.copyFromUtf8(keyId))
        .setData(ByteString.copyFrom(data))
        .build();
  }

  private Payload decrypt(Payload payload) {
    ByteString id = payload.getMetadataMap().get(KEY_ID);
    String keyId = id == null ? null : id.toStringUtf8();
    SecretKey key = keyId == null ? null : keys.get(keyId);
    if (key == null) {
      throw new PayloadCodecException(
          "payload is encrypted with key "
              + (keyId == null ? "(no key id)" : "'" + keyId + "'")
              + ", which is not among the configured keys "
              + keys,
          null);
    }
    byte[] data = payload.getData().toByteArray();
    if (data.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new PayloadCodecException("encrypted payload is too short to be one of ours", null);
    }
    byte[] nonce = Arrays.copyOfRange(data, 0, NONCE_BYTES);
    byte[] sealed = Arrays.copyOfRange(data, NONCE_BYTES, data.length);
    byte[] plain = run(Cipher.DECRYPT_MODE, key, nonce, keyId, sealed);
    try {
      return Payload.parseFrom(plain);
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException("decrypted payload is not a Temporal payload", e);
    }
  }

  private static byte[] run(int mode, SecretKey key, byte[] nonce, String keyId, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      // AEADBadTagException on decrypt: tampered data, or the right id with the wrong key.
      throw new PayloadCodecException(
          (mode == Cipher.DECRYPT_MODE ? "decrypting" : "encrypting")
              + " a payload with key '"
              + keyId
              + "' failed: "
              + e.getClass().getSimpleName(),
          null);
    }
  }
}
