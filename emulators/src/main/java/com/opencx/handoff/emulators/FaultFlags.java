package com.opencx.handoff.emulators;

import com.opencx.handoff.emulators.http.ControlFields;
import com.opencx.handoff.emulators.http.EmulatorControls;
import com.opencx.handoff.emulators.http.Fault;
import com.opencx.handoff.emulators.http.FaultJson;
import com.opencx.handoff.emulators.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code EmulatorsMain}'s {@code --fault} and {@code --limit} values, turned into the same {@link
 * Fault}s and limits the control API arms (a fault goes through {@link FaultJson}, so a flag is
 * validated exactly as {@code POST /emulator/faults} is):
 *
 * <pre>
 * --fault dataverse:PATCH:msdyn_ocliveworkitems:STATUS:403:inBatch=true:times=1
 * --fault opencx:*:/handoff:LATENCY:delayMs=2000:times=3
 * --fault dataverse:@faults.json          (one fault object, or {"faults":[…]} as GET returns it)
 * --limit dataverse:requests=5,windowSeconds=300,retryAfterSeconds=20,concurrency=2
 * </pre>
 *
 * The spec after the target is {@code METHOD:pathContains:KIND[:status][:name=value…]} with names
 * {@code retryAfterSeconds, delayMs, errorCode, errorMessage, times, inBatch}.
 */
final class FaultFlags {

  /** Which emulator a flag is for. */
  enum Target {
    DATAVERSE,
    OPENCX
  }

  /** A fault for one emulator. */
  record TargetedFault(Target target, Fault fault) {}

  /** A limit for one emulator; 0 leaves that limit off. */
  record Limit(
      Target target, int requests, int windowSeconds, int retryAfterSeconds, int concurrency) {

    void apply(EmulatorControls emulator) {
      if (requests > 0) {
        emulator.limitRequests(requests, Duration.ofSeconds(windowSeconds), retryAfterSeconds);
      }
      if (concurrency > 0) {
        emulator.limitConcurrency(concurrency);
      }
    }
  }

  private FaultFlags() {}

  static List<TargetedFault> faults(String value) {
    int colon = value.indexOf(':');
    Target target = target(value, colon);
    String spec = value.substring(colon + 1);
    List<TargetedFault> result = new ArrayList<>();
    for (Map<String, Object> body : spec.startsWith("@") ? file(spec.substring(1)) : line(spec)) {
      try {
        result.add(new TargetedFault(target, FaultJson.read(body)));
      } catch (ControlFields.BadField e) {
        throw new IllegalArgumentException("--fault " + value + ": " + e.getMessage(), e);
      }
    }
    return result;
  }

  static Limit limit(String value) {
    int colon = value.indexOf(':');
    Target target = target(value, colon);
    Map<String, Integer> fields = new LinkedHashMap<>();
    for (String pair : value.substring(colon + 1).split(",")) {
      String[] nv = pair.split("=", 2);
      if (nv.length != 2
          || !List.of("requests", "windowSeconds", "retryAfterSeconds", "concurrency")
              .contains(nv[0])) {
        throw new IllegalArgumentException(
            "--limit "
                + value
                + ": expected requests=, windowSeconds=, retryAfterSeconds=,"
                + " concurrency=");
      }
      fields.put(nv[0], integer("--limit " + nv[0], nv[1]));
    }
    int requests = fields.getOrDefault("requests", 0);
    if (requests > 0 && !fields.containsKey("windowSeconds")) {
      throw new IllegalArgumentException("--limit " + value + ": requests needs windowSeconds");
    }
    return new Limit(
        target,
        requests,
        fields.getOrDefault("windowSeconds", 0),
        fields.getOrDefault("retryAfterSeconds", 1),
        fields.getOrDefault("concurrency", 0));
  }

  private static Target target(String value, int colon) {
    String name = colon < 0 ? "" : value.substring(0, colon);
    return switch (name) {
      case "dataverse" -> Target.DATAVERSE;
      case "opencx" -> Target.OPENCX;
      default ->
          throw new IllegalArgumentException(
              "'" + value + "' must start with dataverse: or opencx:");
    };
  }

  private static List<Map<String, Object>> line(String spec) {
    String[] parts = spec.split(":", -1);
    if (parts.length < 3) {
      throw new IllegalArgumentException(
          "--fault needs METHOD:pathContains:KIND[:status][:name=value…], was " + spec);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("method", parts[0]);
    body.put("pathContains", parts[1]);
    body.put("kind", parts[2]);
    for (int i = 3; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq < 0) {
        body.put("status", integer("--fault status", parts[i]));
      } else {
        String name = parts[i].substring(0, eq);
        String text = parts[i].substring(eq + 1);
        body.put(
            name,
            switch (name) {
              case "errorCode", "errorMessage" -> text;
              case "inBatch" -> Boolean.parseBoolean(text);
              default -> integer(name, text);
            });
      }
    }
    return List.of(body);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> file(String path) {
    Map<String, Object> body;
    try {
      body = Json.readObject(Files.readAllBytes(Path.of(path)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    if (body.size() == 1 && body.get("faults") instanceof List<?> list) {
      List<Map<String, Object>> faults = new ArrayList<>();
      for (Object item : list) {
        if (!(item instanceof Map<?, ?>)) {
          throw new IllegalArgumentException(path + ": every item of faults must be an object");
        }
        faults.add((Map<String, Object>) item);
      }
      return faults;
    }
    return List.of(body);
  }

  private static int integer(String name, String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, was " + text);
    }
  }
}
