package com.opencx.handoff.starter.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payloads;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the codec protocol's bodies, the proto3 JSON form of {@code
 * temporal.api.common.v1.Payloads}, with protobuf's own JSON mapping: the UI and the CLI produce
 * exactly that form (base64 bytes, camelCase names), which a general-purpose JSON mapper would get
 * subtly wrong. Unknown fields are ignored, as everywhere in the API, so that a newer UI adding a
 * field to Payload is not refused. A refusal never repeats protobuf's message: it quotes the input,
 * and the input is customer data.
 */
final class PayloadsJson {

  /** Far above what one history event carries; a bound on the work one call can ask for. */
  static final int MAX_PAYLOADS = 1000;

  static final String FORM =
      "{\"payloads\":[{\"metadata\":{\"encoding\":\"<base64>\"},\"data\":\"<base64>\"}]}";

  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();
  private static final Pattern POSITION = Pattern.compile("line (\\d+) column (\\d+)");

  private PayloadsJson() {}

  /** A body that is not a Payloads document; {@code rule} is safe to show the caller. */
  static final class Unreadable extends Exception {
    final String field;
    final String rule;

    Unreadable(String field, String rule) {
      super(field + " " + rule);
      this.field = field;
      this.rule = rule;
    }
  }

  static Payloads parse(byte[] body) throws Unreadable {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw new Unreadable("body", "must be valid UTF-8 text");
    }
    Payloads.Builder payloads = Payloads.newBuilder();
    try {
      PARSER.merge(text, payloads);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      Matcher at = POSITION.matcher(String.valueOf(e.getMessage()));
      String where = at.find() ? " (line " + at.group(1) + ", column " + at.group(2) + ")" : "";
      throw new Unreadable(
          "body", "must be the proto3 JSON form of temporal Payloads, " + FORM + where);
    }
    if (payloads.getPayloadsCount() > MAX_PAYLOADS) {
      throw new Unreadable(
          "payloads",
          "holds "
              + payloads.getPayloadsCount()
              + " payloads; at most "
              + MAX_PAYLOADS
              + " per call");
    }
    return payloads.build();
  }

  static byte[] print(Payloads payloads) {
    try {
      return PRINTER.print(payloads).getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      // Only Any fields with unknown types fail to print, and Payloads has none.
      throw new IllegalStateException("Payloads could not be printed as JSON", e);
    }
  }
}
