package com.opencx.handoff.starter;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;

/**
 * A stand-in for the real encrypting codec, visible in what it writes: it XORs every data byte,
 * marks the payload {@code binary/test} and keeps the original encoding beside it, so a test can
 * tell an encoded payload from a plain one and prove the codec endpoint ran the injected codec both
 * ways. Like a real codec it passes payloads it did not encode through, refuses one marked as its
 * own that it cannot undo (a {@link PayloadCodecException} with a reason), and for the marker
 * {@value #EXPLODE} fails with another exception whose message quotes the data, as careless code
 * might.
 */
public final class XorTestCodec implements PayloadCodec {

  public static final String ENCODING = "binary/test";
  public static final String ORIGINAL = "test-original-encoding";
  public static final String EXPLODE = "test-explode";
  static final byte KEY = 0x5A;

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream()
        .map(
            p ->
                Payload.newBuilder()
                    .putAllMetadata(p.getMetadataMap())
                    .putMetadata("encoding", ByteString.copyFromUtf8(ENCODING))
                    .putMetadata(
                        ORIGINAL,
                        p.getMetadataOrDefault("encoding", ByteString.copyFromUtf8("binary/plain")))
                    .setData(xor(p.getData()))
                    .build())
        .toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(XorTestCodec::decodeOne).toList();
  }

  private static Payload decodeOne(Payload p) {
    if (!ENCODING.equals(p.getMetadataOrDefault("encoding", ByteString.EMPTY).toStringUtf8())) {
      return p;
    }
    if (p.containsMetadata(EXPLODE)) {
      throw new IllegalStateException("cannot read " + p.getData().toStringUtf8());
    }
    if (!p.containsMetadata(ORIGINAL)) {
      throw new PayloadCodecException("no " + ORIGINAL + " metadata: not written by this codec");
    }
    Payload.Builder decoded = p.toBuilder().setData(xor(p.getData())).removeMetadata(ORIGINAL);
    return decoded.putMetadata("encoding", p.getMetadataOrThrow(ORIGINAL)).build();
  }

  static ByteString xor(ByteString data) {
    byte[] bytes = data.toByteArray();
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] ^= KEY;
    }
    return ByteString.copyFrom(bytes);
  }
}
