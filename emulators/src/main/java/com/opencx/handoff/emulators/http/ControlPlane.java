package com.opencx.handoff.emulators.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The emulator's control API over HTTP, for rehearsing faults on a running dev stack with {@code
 * curl}: it only parses requests and calls the same controls a Java test calls ({@link
 * TrafficControl}, {@link BearerToken}, the emulator's {@link ControlRoutes}). Off until a control
 * key is set; then {@code Authorization: Bearer <control key>} (never an API credential) reaches
 *
 * <ul>
 *   <li>{@code GET|POST|DELETE /emulator/faults}: the armed faults; arm one ({@link FaultJson});
 *       disarm all
 *   <li>{@code GET|POST|DELETE /emulator/limits}: {@code {requests, windowSeconds,
 *       retryAfterSeconds, concurrency}}; set either limit; lift both
 *   <li>{@code GET|DELETE /emulator/requests}: {@code {count, log}} since start or reset; reset
 *   <li>{@code POST|DELETE /emulator/token} {@code {"token":…}}: accept only that bearer token from
 *       now on; accept the start token again (emulators with one bearer token only)
 * </ul>
 *
 * Control requests bypass the limits and faults they set and are not counted or logged, so a
 * rehearsal's own calls never disturb what it observes.
 */
final class ControlPlane {

  static final String PREFIX = "/emulator/";
  private static final String FAULTS = PREFIX + "faults";
  private static final String LIMITS = PREFIX + "limits";
  private static final String REQUESTS = PREFIX + "requests";
  private static final String TOKEN = PREFIX + "token";

  private final TrafficControl traffic;
  private final BearerToken token;
  private volatile String key;
  private volatile ControlRoutes routes = ControlRoutes.NONE;

  ControlPlane(TrafficControl traffic, BearerToken token) {
    this.traffic = traffic;
    this.token = token;
  }

  void enable(String controlKey, ControlRoutes emulatorRoutes) {
    if (controlKey == null || controlKey.isBlank()) {
      throw new IllegalArgumentException("a control key is required");
    }
    routes = emulatorRoutes;
    key = controlKey;
  }

  /** True when this request is the control plane's to answer (never while it is off). */
  boolean claims(String path) {
    return key != null
        && path != null
        && (path.equals(FAULTS)
            || path.equals(LIMITS)
            || path.equals(REQUESTS)
            || (path.equals(TOKEN) && token != null)
            || routes.claims(path));
  }

  Response handle(Request request) {
    if (!BearerToken.matches(request.headers(), key)) {
      return Response.error(
              401,
              "unauthorized",
              "Send 'Authorization: Bearer <control key>': the emulator's control key, not its API"
                  + " credential.")
          .withHeader("WWW-Authenticate", "Bearer");
    }
    try {
      return switch (request.path()) {
        case FAULTS -> faults(request);
        case LIMITS -> limits(request);
        case REQUESTS -> requests(request);
        case TOKEN -> token(request);
        default -> routes.handle(request);
      };
    } catch (ControlFields.BadField e) {
      return badField(e.field(), e.getMessage());
    } catch (NoSuchElementException e) {
      return Response.error(404, "not_found", e.getMessage());
    } catch (IllegalArgumentException e) {
      return badField("", e.getMessage());
    } catch (Exception e) {
      return Response.error(500, "control_failed", e.toString());
    }
  }

  private Response faults(Request request) {
    switch (request.method()) {
      case "GET":
        return Response.json(200, Map.of("faults", armed()));
      case "POST":
        Fault fault = FaultJson.read(ControlFields.body(request));
        traffic.arm(fault);
        return Response.json(201, Map.of("armed", FaultJson.write(fault)));
      case "DELETE":
        int cleared = traffic.clearFaults();
        return Response.json(200, Map.of("cleared", cleared, "faults", List.of()));
      default:
        return notAllowed(request, "GET, POST, DELETE");
    }
  }

  private Response limits(Request request) {
    switch (request.method()) {
      case "GET":
        return Response.json(200, limitsView());
      case "POST":
        ControlFields f =
            ControlFields.of(
                request, Set.of("requests", "windowSeconds", "retryAfterSeconds", "concurrency"));
        if (!f.has("requests") && !f.has("concurrency")) {
          return badField("requests", "send requests (with windowSeconds) and/or concurrency");
        }
        if (f.has("requests")) {
          traffic.limitRequests(
              f.requiredInteger("requests", 1, 1_000_000),
              Duration.ofSeconds(f.requiredInteger("windowSeconds", 1, 86_400)),
              f.integer("retryAfterSeconds", 1, 0, 86_400));
        } else if (f.has("windowSeconds") || f.has("retryAfterSeconds")) {
          return badField("requests", "windowSeconds and retryAfterSeconds need requests");
        }
        if (f.has("concurrency")) {
          traffic.limitConcurrency(f.requiredInteger("concurrency", 1, 10_000));
        }
        return Response.json(200, limitsView());
      case "DELETE":
        traffic.clearLimits();
        return Response.json(200, limitsView());
      default:
        return notAllowed(request, "GET, POST, DELETE");
    }
  }

  private Response requests(Request request) {
    switch (request.method()) {
      case "GET":
        return Response.json(
            200, Map.of("count", traffic.requestCount(), "log", traffic.requestLog()));
      case "DELETE":
        traffic.resetCounters();
        return Response.json(200, Map.of("count", 0, "log", List.of()));
      default:
        return notAllowed(request, "GET, DELETE");
    }
  }

  private Response token(Request request) {
    switch (request.method()) {
      case "POST":
        token.acceptOnly(ControlFields.of(request, Set.of("token")).requiredString("token"));
        return Response.json(200, Map.of("rotated", true));
      case "DELETE":
        token.restore();
        return Response.json(200, Map.of("rotated", false));
      default:
        return notAllowed(request, "POST, DELETE");
    }
  }

  private List<Map<String, Object>> armed() {
    return traffic.armedFaults().stream().map(FaultJson::write).toList();
  }

  private Map<String, Object> limitsView() {
    Map<String, Object> view = new LinkedHashMap<>();
    boolean rate = traffic.maxRequests() != Integer.MAX_VALUE;
    view.put("requests", rate ? traffic.maxRequests() : null);
    view.put("windowSeconds", rate ? traffic.windowSeconds() : null);
    view.put("retryAfterSeconds", rate ? traffic.rateRetryAfterSeconds() : null);
    int concurrency = traffic.maxConcurrent();
    view.put("concurrency", concurrency == Integer.MAX_VALUE ? null : concurrency);
    return view;
  }

  /** A 400 whose {@code error.field} names what to fix ("" for the body as a whole). */
  static Response badField(String field, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", "invalid_field");
    error.put("field", field);
    error.put("message", message);
    return Response.json(400, Map.of("error", error));
  }

  private static Response notAllowed(Request request, String allowed) {
    return Response.error(405, "method_not_allowed", request.method() + " " + request.path())
        .withHeader("Allow", allowed);
  }
}
