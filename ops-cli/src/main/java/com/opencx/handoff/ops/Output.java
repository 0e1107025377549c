package com.opencx.handoff.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a command writes: results to stdout, problems to stderr, and with {@code --json} exactly
 * one JSON document on stdout (errors included) so a script can parse whatever happened. Text is
 * made single-line and tabulated here, so no value from Temporal can break a table's columns.
 */
final class Output {

  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private static final DateTimeFormatter COMPACT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final PrintWriter out;
  private final PrintWriter err;

  Output(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  void line(String text) {
    out.println(text);
    out.flush();
  }

  void problem(String text) {
    err.println(text);
    err.flush();
  }

  void json(Object document) {
    try {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
    out.flush();
  }

  /** Rows under a header, each column as wide as its widest cell, two spaces apart. */
  void table(List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    rows.forEach(r -> all.add(r.stream().map(Output::oneLine).toList()));
    int[] widths = new int[header.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        text.append(cell);
        if (i < row.size() - 1) {
          text.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      out.println(text.toString().stripTrailing());
    }
    out.flush();
  }

  /** "2026-12-01 14:03:22", UTC; "-" for none. */
  static String time(Instant instant) {
    return instant == null ? "-" : COMPACT.format(instant);
  }

  /** The value on one line (control characters as spaces), "-" for none or blank. */
  static String oneLine(Object value) {
    if (value == null || value.toString().isBlank()) {
      return "-";
    }
    return value.toString().strip().replaceAll("\\p{Cntrl}+", " ");
  }
}
