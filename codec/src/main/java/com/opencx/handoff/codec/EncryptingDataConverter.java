package com.opencx.handoff.codec;

import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import io.temporal.internal.worker.WorkflowExecutionException;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.context.SerializationContext;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;

/**
 * Temporal's {@link CodecDataConverter}, with one fix: SDK 1.38.0 converts an Update validator's
 * refusal twice (temporalio/sdk-java#2875, fixed upstream by PR #3001 after 1.38.0), and with
 * failure attributes encrypted the second pass leaves the client "Encoded failure" of type
 * WorkflowExecutionException instead of the validator's reason and type. The first conversion is
 * already complete, so it is returned as is — what the upstream fix does. Also the one {@link
 * PayloadCodec}, so the codec endpoint decodes with exactly the keys the workers write with.
 */
final class EncryptingDataConverter implements DataConverter, PayloadCodec {

  private final CodecDataConverter delegate;

  EncryptingDataConverter(CodecDataConverter delegate) {
    this.delegate = delegate;
  }

  @Override
  public Failure exceptionToFailure(Throwable throwable) {
    if (throwable instanceof WorkflowExecutionException converted) {
      return converted.getFailure();
    }
    return delegate.exceptionToFailure(throwable);
  }

  @Override
  public RuntimeException failureToException(Failure failure) {
    return delegate.failureToException(failure);
  }

  @Override
  public <T> Optional<Payload> toPayload(T value) throws DataConverterException {
    return delegate.toPayload(value);
  }

  @Override
  public <T> T fromPayload(Payload payload, Class<T> valueClass, Type valueType)
      throws DataConverterException {
    return delegate.fromPayload(payload, valueClass, valueType);
  }

  @Override
  public Optional<Payloads> toPayloads(Object... values) throws DataConverterException {
    return delegate.toPayloads(values);
  }

  @Override
  public <T> T fromPayloads(
      int index, Optional<Payloads> content, Class<T> valueType, Type valueGenericType)
      throws DataConverterException {
    return delegate.fromPayloads(index, content, valueType, valueGenericType);
  }

  @Override
  public Object[] fromPayloads(
      Optional<Payloads> content, Class<?>[] parameterTypes, Type[] genericParameterTypes)
      throws DataConverterException {
    return delegate.fromPayloads(content, parameterTypes, genericParameterTypes);
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return delegate.encode(payloads);
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return delegate.decode(payloads);
  }

  @Override
  public EncryptingDataConverter withContext(SerializationContext context) {
    return new EncryptingDataConverter(delegate.withContext(context));
  }
}
