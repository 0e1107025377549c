package com.opencx.handoff.emulators.directline;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The server side of one RFC 6455 connection after the handshake, just enough for Direct Line's
 * stream: unmasked text frames out (ActivitySets and empty keep-alives), a close frame with a
 * reason (for {@code collision}), and on the way in masked frames whose text is ignored, pings
 * answered with pongs and a close echoed. Writes go through one thread per connection so that a
 * slow reader never blocks the conversation that appends activities.
 */
final class WebSocketConnection {

  private final Socket socket;
  private final OutputStream out;
  private final ExecutorService writer;
  private volatile boolean closed;

  WebSocketConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.writer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "directline-ws-writer");
              t.setDaemon(true);
              return t;
            });
  }

  boolean isClosed() {
    return closed;
  }

  /** Queues one text frame (an empty one is Direct Line's keep-alive). */
  void sendText(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    enqueue(0x1, payload, false);
  }

  /**
   * Queues a close frame with {@code code} and {@code reason}; the socket closes when the client
   * answers with its own close frame, or after two seconds.
   */
  void close(int code, String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[2 + text.length];
    payload[0] = (byte) (code >> 8);
    payload[1] = (byte) code;
    System.arraycopy(text, 0, payload, 2, text.length);
    enqueue(0x8, payload, false);
    closed = true;
    try {
      socket.setSoTimeout(2000);
    } catch (IOException e) {
      shutdown();
    }
  }

  /**
   * Reads client frames until the client closes or the socket fails; returns when the connection is
   * over. Text and binary frames are read and dropped (clients may send keep-alives).
   */
  void readUntilClosed() {
    try {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      while (true) {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        int opcode = b0 & 0x0F;
        long length = b1 & 0x7F;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        if ((b1 & 0x80) == 0 || length > 1 << 20) {
          enqueue(0x8, new byte[] {0x03, (byte) 0xEA}, true); // 1002: clients must mask
          return;
        }
        byte[] mask = new byte[4];
        in.readFully(mask);
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i % 4];
        }
        if (opcode == 0x8) {
          if (closed) {
            shutdown(); // the client answered our close
          } else {
            byte[] echo = payload.length >= 2 ? new byte[] {payload[0], payload[1]} : payload;
            enqueue(0x8, echo, true);
          }
          return;
        } else if (opcode == 0x9) {
          enqueue(0xA, payload, false);
        }
      }
    } catch (IOException e) {
      shutdown();
    }
  }

  private void enqueue(int opcode, byte[] payload, boolean thenClose) {
    if (closed) {
      return;
    }
    if (thenClose) {
      closed = true;
    }
    try {
      writer.execute(
          () -> {
            try {
              writeFrame(opcode, payload);
            } catch (IOException ignored) {
              // the peer went away; the reader sees it too
            } finally {
              if (thenClose) {
                shutdown();
              }
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException ignored) {
      // already shut down
    }
  }

  private void writeFrame(int opcode, byte[] payload) throws IOException {
    int n = payload.length;
    byte[] header;
    if (n < 126) {
      header = new byte[] {(byte) (0x80 | opcode), (byte) n};
    } else if (n < 65536) {
      header = new byte[] {(byte) (0x80 | opcode), 126, (byte) (n >> 8), (byte) n};
    } else {
      header = new byte[10];
      header[0] = (byte) (0x80 | opcode);
      header[1] = 127;
      for (int i = 0; i < 8; i++) {
        header[9 - i] = (byte) ((long) n >> (8 * i));
      }
    }
    out.write(header);
    out.write(payload);
    out.flush();
  }

  private void shutdown() {
    closed = true;
    writer.shutdown();
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing left to do
    }
  }
}
