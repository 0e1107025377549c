package com.opencx.handoff.activities.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;

/**
 * Reads a media stream block by block into one buffer reused for every block, so a file costs one
 * block of memory however large it is, and a file whose length is known costs no more than its own
 * size (the buffer is sized to it, up to a block). A stream of unknown length starts small and
 * doubles up to a block. The block's bytes are valid until the next {@link #next()}.
 */
final class BlockReader {

  /** Where a stream of unknown length starts: a typical WhatsApp image. */
  private static final int UNKNOWN_START = 256 * 1024;

  private final PushbackInputStream in;
  private final int blockSize;
  private byte[] buffer;
  private int length;

  /**
   * @param expected the declared length, or null when unknown; a wrong one costs a regrowth only
   */
  BlockReader(InputStream in, Long expected, int blockSize) {
    this.in = new PushbackInputStream(in, 1);
    this.blockSize = blockSize;
    long start = expected == null || expected < 0 ? UNKNOWN_START : expected + 1;
    this.buffer = new byte[(int) Math.min(blockSize, Math.max(1, start))];
  }

  /**
   * Up to {@code max + 1} bytes of {@code in}, so that more than {@code max} means "larger than
   * that": when {@code declared} is known and true, in one array of exactly that size (the JDK's
   * {@code readNBytes(int)} would collect the bytes in chunks and copy them once more).
   */
  static byte[] upTo(InputStream in, Long declared, int max) throws IOException {
    if (declared == null || declared < 0 || declared > max) {
      return in.readNBytes(max + 1);
    }
    byte[] bytes = new byte[declared.intValue()];
    int read = in.readNBytes(bytes, 0, bytes.length);
    if (read < bytes.length) {
      return Arrays.copyOf(bytes, read); // shorter than declared
    }
    byte[] more = in.readNBytes(max + 1 - bytes.length);
    if (more.length == 0) {
      return bytes;
    }
    byte[] longer = Arrays.copyOf(bytes, bytes.length + more.length); // longer than declared
    System.arraycopy(more, 0, longer, bytes.length, more.length);
    return longer;
  }

  /**
   * The next block (a block's size, less only at the end) into the buffer; its length, 0 at end.
   */
  int next() throws IOException {
    length = 0;
    while (length < blockSize) {
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, (int) Math.min(blockSize, 2L * buffer.length));
      }
      int read = in.read(buffer, length, buffer.length - length);
      if (read < 0) {
        break;
      }
      length += read;
    }
    return length;
  }

  /** Whether the stream has ended after the current block (looks one byte ahead). */
  boolean atEnd() throws IOException {
    int next = in.read();
    if (next < 0) {
      return true;
    }
    in.unread(next);
    return false;
  }

  /** The current block's bytes: the first {@link #length()} of this buffer. */
  byte[] bytes() {
    return buffer;
  }

  int length() {
    return length;
  }
}
