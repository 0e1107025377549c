package com.opencx.handoff.activities.dynamics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A file that goes into a Dataverse request as one Base64 string column ({@code documentbody}, an
 * {@code UploadBlock}'s {@code BlockData}), encoded straight into the request body while OkHttp
 * writes it: the JSON before the string, the Base64 of the first {@code length} bytes of {@code
 * bytes}, the JSON after. No Base64 string, JSON tree or body copy of the file is ever built, so a
 * caller can reuse one buffer for every block. The body knows its exact length (4 characters for
 * every 3 bytes started, plus the JSON around them), so it is sent with a {@code Content-Length}
 * rather than chunked, and it can be written again (OkHttp's retry on a fresh connection, the
 * client's resend after a 401) as long as the caller leaves the buffer alone until the call
 * returns.
 */
public final class Base64Field {

  private final String name;
  private final byte[] bytes;
  private final int length;

  /** The column {@code name} holding the first {@code length} bytes of {@code bytes}. */
  public Base64Field(String name, byte[] bytes, int length) {
    if (length < 0 || length > bytes.length) {
      throw new IllegalArgumentException(
          "length " + length + " is outside a buffer of " + bytes.length + " bytes");
    }
    this.name = name;
    this.bytes = bytes;
    this.length = length;
  }

  /** Characters of Base64 for {@code bytes} bytes, padding included. */
  static long encodedLength(long bytes) {
    return (bytes + 2) / 3 * 4;
  }

  /** The JSON object {@code others} with this column added, as a request body of exact length. */
  RequestBody body(JsonNode others, MediaType type) {
    if (!others.isObject() || others.has(name)) {
      throw new IllegalArgumentException("the other columns must be an object without " + name);
    }
    String rest;
    String column;
    try {
      rest = DataverseClient.MAPPER.writeValueAsString(others); // "{...}", small
      column = DataverseClient.MAPPER.writeValueAsString(name);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise a Dataverse request body", e);
    }
    // The others' members first (OData 4.0 wants control information such as @odata.type before
    // the data), then our column last, so the body ends with the Base64 and its closing quote.
    String head = rest.substring(0, rest.length() - 1) + (rest.length() > 2 ? "," : "");
    byte[] prefix = (head + column + ":\"").getBytes(StandardCharsets.UTF_8);
    byte[] suffix = "\"}".getBytes(StandardCharsets.UTF_8);
    return new Body(type, prefix, suffix);
  }

  /** The body OkHttp writes; see the class comment. */
  private final class Body extends RequestBody {
    private final MediaType type;
    private final byte[] prefix;
    private final byte[] suffix;

    Body(MediaType type, byte[] prefix, byte[] suffix) {
      this.type = type;
      this.prefix = prefix;
      this.suffix = suffix;
    }

    @Override
    public MediaType contentType() {
      return type;
    }

    @Override
    public long contentLength() {
      return prefix.length + encodedLength(length) + suffix.length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.write(prefix);
      OutputStream encoder = Base64.getEncoder().wrap(new SinkStream(sink));
      encoder.write(bytes, 0, length);
      encoder.close(); // writes the last group and its padding; SinkStream leaves the sink open
      sink.write(suffix);
    }
  }

  /** OkHttp's sink as an {@link OutputStream} whose close does not close it (OkHttp does). */
  private static final class SinkStream extends OutputStream {
    private final BufferedSink sink;

    SinkStream(BufferedSink sink) {
      this.sink = sink;
    }

    @Override
    public void write(int b) throws IOException {
      sink.writeByte(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      sink.write(b, off, len);
    }

    @Override
    public void close() {
      // The request's sink belongs to OkHttp, which closes it after writeTo.
    }
  }
}
