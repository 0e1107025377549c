package com.opencx.handoff.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;

/**
 * The data converter of every Temporal client and worker of the service (worker, API, dev stack,
 * benchmarks, tests): Temporal's default JSON conversion, then {@link AesGcmPayloadCodec}, with
 * failure messages and stack traces encoded too, since Dataverse and OpenCX errors echo customer
 * values. See {@link EncryptingDataConverter} for the one SDK fault it works around.
 */
public final class HandoffDataConverter {

  private HandoffDataConverter() {}

  public static DataConverter create(PayloadKeys keys) {
    return new EncryptingDataConverter(
        new CodecDataConverter(
            DefaultDataConverter.newDefaultInstance(),
            List.of(new AesGcmPayloadCodec(keys)),
            true));
  }
}
