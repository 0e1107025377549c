package com.opencx.handoff.activities.opencx;

import java.nio.charset.StandardCharsets;

/**
 * How a rep's file name travels in {@code X-File-Name}: HTTP header values must be visible ASCII,
 * while file names are often not ("reçu.pdf"), and OkHttp refuses a bad header with an exception
 * that would quote the name. Every UTF-8 byte outside {@code !}…{@code ~}, and {@code %} itself, is
 * percent-encoded, so a plain ASCII name goes unchanged and any name reads back exactly.
 */
final class FileNameHeader {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private FileNameHeader() {}

  static String encode(String fileName) {
    StringBuilder out = new StringBuilder();
    for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c > ' ' && c < 0x7f && c != '%') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }
}
