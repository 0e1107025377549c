package com.opencx.handoff.activities.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reading media into reused block buffers ({@link BlockReader}): full blocks from a stream that
 * trickles, whatever length was declared, and the chat path's whole file read whether the declared
 * length is right, short or long.
 */
class BlockReaderTest {

  private static final byte[] FILE = random(10_007);

  @Test
  void blocksAreFullWhateverWasDeclaredAndHoweverTheStreamTrickles() throws IOException {
    for (Long declared : new Long[] {null, 0L, 10L, 10_007L, 99_999L}) {
      BlockReader reader = new BlockReader(trickling(FILE), declared, 4096);
      int[] lengths = new int[4];
      byte[] read = new byte[0];
      for (int i = 0; i < lengths.length; i++) {
        lengths[i] = reader.next();
        int from = read.length;
        read = Arrays.copyOf(read, from + lengths[i]);
        System.arraycopy(reader.bytes(), 0, read, from, lengths[i]);
      }
      assertThat(lengths).as("declared %s", declared).containsExactly(4096, 4096, 1815, 0);
      assertThat(read).isEqualTo(FILE);
      assertThat(reader.atEnd()).isTrue();
    }
  }

  @Test
  void aFileOfTheDeclaredLengthIsReadIntoAnArrayOfExactlyThatSize() throws IOException {
    assertThat(BlockReader.upTo(trickling(FILE), 10_007L, 20_000)).isEqualTo(FILE);
    assertThat(BlockReader.upTo(trickling(FILE), null, 20_000)).isEqualTo(FILE);
    assertThat(BlockReader.upTo(trickling(FILE), 20_000L, 20_000)).as("shorter").isEqualTo(FILE);
    assertThat(BlockReader.upTo(trickling(FILE), 5_000L, 20_000)).as("longer").isEqualTo(FILE);
    assertThat(BlockReader.upTo(trickling(FILE), 5_000L, 8_000))
        .as("longer than the cap: one byte over it, the rest left in the stream")
        .isEqualTo(Arrays.copyOf(FILE, 8_001));
  }

  @Test
  void theSmallerOfADeclaredLengthAndABlockIsAllAFileCosts() throws IOException {
    BlockReader reader = new BlockReader(trickling(FILE), 10_007L, 1 << 20);

    assertThat(reader.next()).isEqualTo(10_007);
    assertThat(reader.bytes()).hasSize(10_008); // one more, to see the end without growing
    assertThat(reader.atEnd()).isTrue();
  }

  /** A stream that hands out at most 1,000 bytes a read, as a socket may. */
  private static InputStream trickling(byte[] bytes) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1000));
      }
    };
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
