package com.opencx.handoff.emulators.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Fault} as JSON, the one form the control API ({@code POST /emulator/faults}) and {@code
 * EmulatorsMain --fault} both read, so a fault armed over HTTP, from a flag or from a file is
 * validated by the same rules:
 *
 * <pre>
 * {"method":"POST", "pathContains":"msdyn_ocliveworkitems", "kind":"STATUS", "status":403,
 *  "retryAfterSeconds":0, "delayMs":0, "errorCode":null, "errorMessage":null, "times":1,
 *  "inBatch":false}
 * </pre>
 *
 * Only {@code kind} is required; {@code status} too for the two status kinds, {@code delayMs} for
 * {@code LATENCY}. {@code times} defaults to 1. {@code "inBatch":true} (STATUS only) makes it match
 * the requests inside a Dataverse {@code $batch}, e.g. the work item's {@code PATCH
 * msdyn_ocliveworkitems(…)} in the create's change set, instead of whole HTTP requests.
 */
public final class FaultJson {

  static final Set<String> FIELDS =
      Set.of(
          "method",
          "pathContains",
          "kind",
          "status",
          "retryAfterSeconds",
          "delayMs",
          "errorCode",
          "errorMessage",
          "times",
          "inBatch");

  private static final Set<String> METHODS =
      Set.of("*", "GET", "POST", "PATCH", "PUT", "DELETE", "HEAD");

  private FaultJson() {}

  /**
   * The fault these fields describe.
   *
   * @throws ControlFields.BadField naming the first field that is wrong
   */
  public static Fault read(Map<String, Object> body) {
    ControlFields f = new ControlFields(body, FIELDS);
    String method = f.string("method", "*").toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new ControlFields.BadField("method", "method must be one of " + METHODS);
    }
    Fault.Kind kind = kind(f.requiredString("kind"));
    boolean statusKind = kind == Fault.Kind.STATUS || kind == Fault.Kind.STATUS_AFTER_COMMIT;
    int status = statusKind ? f.requiredInteger("status", 400, 599) : f.integer("status", 0, 0, 0);
    int delayMs =
        kind == Fault.Kind.LATENCY
            ? f.requiredInteger("delayMs", 1, 600_000)
            : f.integer("delayMs", 0, 0, 0);
    return new Fault(
        method,
        f.string("pathContains", ""),
        kind,
        status,
        f.integer("retryAfterSeconds", 0, 0, 86_400),
        Duration.ofMillis(delayMs),
        f.string("errorCode", null),
        f.string("errorMessage", null),
        f.integer("times", 1, 1, 1_000_000),
        inBatch(f, kind));
  }

  /** The fault's fields, in the shape {@link #read} takes ({@code times}: the uses left). */
  public static Map<String, Object> write(Fault fault) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("method", fault.method() == null ? "*" : fault.method());
    out.put("pathContains", fault.pathContains());
    out.put("kind", fault.kind().name());
    out.put("status", fault.status());
    out.put("retryAfterSeconds", fault.retryAfterSeconds());
    out.put("delayMs", fault.delay().toMillis());
    out.put("errorCode", fault.errorCode());
    out.put("errorMessage", fault.errorMessage());
    out.put("times", fault.times());
    out.put("inBatch", fault.inBatch());
    return out;
  }

  private static boolean inBatch(ControlFields f, Fault.Kind kind) {
    boolean inBatch = f.bool("inBatch", false);
    if (inBatch && kind != Fault.Kind.STATUS) {
      throw new ControlFields.BadField("inBatch", "only a STATUS fault can apply inside a $batch");
    }
    return inBatch;
  }

  private static Fault.Kind kind(String text) {
    try {
      return Fault.Kind.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ControlFields.BadField(
          "kind", "kind must be one of " + java.util.Arrays.toString(Fault.Kind.values()));
    }
  }
}
