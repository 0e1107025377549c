package com.opencx.handoff.emulators.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loopback HTTP front door both emulators share: it binds 127.0.0.1, counts and logs every
 * request, applies the service-protection limits and injected faults, checks the bearer credential,
 * and only then hands the request to the emulator's own logic. Keeping this here means a {@code
 * $batch} is one request for counting and throttling, exactly as for the real service.
 *
 * <p>Order for each request: the control API ({@link ControlPlane}, once enabled, outside
 * everything else), concurrency limit, request-rate limit, injected fault, bearer check, handler.
 * The log line is {@code "<METHOD> <path>[?<decoded query>] <status>"}, with {@code DROPPED}
 * instead of the status when a drop-after-commit fault swallowed the response.
 */
public final class EmulatorHttpServer implements AutoCloseable {

  /** The emulator's own logic, reached only by authenticated, admitted requests. */
  @FunctionalInterface
  public interface Handler {
    /** Answers one request; an exception becomes a 500 with its message. */
    Response handle(Request request) throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(EmulatorHttpServer.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final TrafficControl traffic = new TrafficControl();
  private final Authenticator authenticator;
  private final ControlPlane control;
  private final Rejections rejections;
  private final Map<String, String> defaultHeaders;
  private final Handler handler;

  /**
   * Binds 127.0.0.1:{@code port} (0 picks a free port) and starts serving.
   *
   * @param name used for thread names
   * @param bearerToken the only credential accepted in {@code Authorization: Bearer …}
   * @param defaultHeaders added to every response
   */
  public EmulatorHttpServer(
      String name,
      int port,
      String bearerToken,
      ErrorCodes codes,
      Map<String, String> defaultHeaders,
      Handler handler) {
    this(
        name,
        port,
        new BearerToken(bearerToken, new Rejections(codes)),
        codes,
        defaultHeaders,
        handler);
  }

  /** Like the bearer-token constructor, but {@code authenticator} judges each credential. */
  public EmulatorHttpServer(
      String name,
      int port,
      Authenticator authenticator,
      ErrorCodes codes,
      Map<String, String> defaultHeaders,
      Handler handler) {
    this.authenticator = authenticator;
    this.control = new ControlPlane(traffic, authenticator instanceof BearerToken b ? b : null);
    this.rejections = new Rejections(codes);
    this.defaultHeaders = Map.copyOf(defaultHeaders);
    this.handler = handler;
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 128);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::exchange);
    server.start();
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public int requestCount() {
    return traffic.requestCount();
  }

  public List<String> requestLog() {
    return traffic.requestLog();
  }

  public void resetCounters() {
    traffic.resetCounters();
  }

  public void limitRequests(int max, Duration window, int retryAfterSeconds) {
    traffic.limitRequests(max, window, retryAfterSeconds);
  }

  public void limitConcurrency(int max) {
    traffic.limitConcurrency(max);
  }

  public void injectFault(Fault fault) {
    traffic.arm(fault);
  }

  public void clearFaultsAndLimits() {
    traffic.clearFaultsAndLimits();
  }

  public void clearFaults() {
    traffic.clearFaults();
  }

  public void clearLimits() {
    traffic.clearLimits();
  }

  public List<Fault> armedFaults() {
    return traffic.armedFaults();
  }

  /**
   * The answer of an {@code inBatch} fault matching this request inside a {@code $batch} (spending
   * one of its uses), or {@code null} to run the part normally.
   */
  public Response batchPartFault(String method, String path) {
    Fault fault = traffic.takeInBatch(method, path);
    return fault == null ? null : rejections.fault(fault);
  }

  /** Turns the control API on (see {@link ControlPlane}); {@code routes} are the emulator's own. */
  public void enableControl(String controlKey, ControlRoutes routes) {
    control.enable(controlKey, routes);
  }

  /** From now on only {@code token} is accepted (an emulator with one bearer token only). */
  public void acceptOnlyToken(String token) {
    bearerToken().acceptOnly(token);
  }

  /** Accepts the bearer token the emulator started with again. */
  public void restoreToken() {
    bearerToken().restore();
  }

  private BearerToken bearerToken() {
    if (!(authenticator instanceof BearerToken token)) {
      throw new UnsupportedOperationException("this emulator has no single bearer token");
    }
    return token;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void exchange(HttpExchange ex) {
    String controlPath = decodedPath(ex.getRequestURI());
    if (control.claims(controlPath)) {
      try {
        byte[] body = ex.getRequestBody().readAllBytes();
        send(
            ex,
            control.handle(
                new Request(
                    ex.getRequestMethod().toUpperCase(Locale.ROOT),
                    controlPath,
                    ex.getRequestURI().getRawQuery(),
                    headers(ex),
                    body)));
      } catch (IOException e) {
        // the client went away
      } finally {
        ex.close();
      }
      return;
    }
    traffic.countRequest();
    String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
    URI uri = ex.getRequestURI();
    String target = uri.getRawPath();
    boolean admitted = traffic.enter();
    try {
      byte[] body = ex.getRequestBody().readAllBytes();
      String path = decodedPath(uri);
      target = path == null ? target : path + query(uri);
      Fault fault = null;
      Response response;
      if (!admitted) {
        response = rejections.concurrencyLimit(traffic.maxConcurrent());
      } else if (!traffic.admit(System.nanoTime())) {
        response =
            rejections.requestLimit(
                traffic.maxRequests(), traffic.windowSeconds(), traffic.rateRetryAfterSeconds());
      } else {
        fault = traffic.take(method, target);
        if (fault != null && fault.kind() == Fault.Kind.LATENCY) {
          Thread.sleep(fault.delay().toMillis());
        }
        Map<String, String> headers = headers(ex);
        Response refused =
            authenticator.reject(method, path == null ? uri.getRawPath() : path, headers);
        if (fault != null && fault.kind() == Fault.Kind.STATUS) {
          response = rejections.fault(fault);
        } else if (refused != null) {
          response = refused;
        } else if (path == null) {
          response = rejections.badPath("Malformed percent-encoding in " + uri.getRawPath());
        } else {
          response = handler.handle(new Request(method, path, uri.getRawQuery(), headers, body));
          if (fault != null && fault.kind() == Fault.Kind.STATUS_AFTER_COMMIT) {
            response = rejections.fault(fault); // executed, yet the client hears an error
          }
        }
      }
      if (fault != null && fault.kind() == Fault.Kind.DROP_AFTER_COMMIT) {
        traffic.log(method + " " + target + " DROPPED");
        return; // closing before sendResponseHeaders drops the connection
      }
      // log first: a client that has its answer must also find it in the log
      traffic.log(
          method
              + " "
              + target
              + " "
              + response.status()
              + (response.note() == null ? "" : " " + response.note()));
      send(ex, response);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // The path only: a query may carry an email or phone number.
      LOG.warn("emulator failed on {} {}", method, ex.getRequestURI().getPath(), e);
      traffic.log(method + " " + target + " 500");
      try {
        send(ex, Response.error(500, "", "Emulator failure: " + e));
      } catch (IOException ignored) {
        // the client went away
      }
    } finally {
      if (admitted) {
        traffic.leave();
      }
      ex.close();
    }
  }

  private static Map<String, String> headers(HttpExchange ex) {
    Map<String, String> result = new LinkedHashMap<>();
    ex.getRequestHeaders()
        .forEach(
            (name, values) -> result.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
    return result;
  }

  private static String decodedPath(URI uri) {
    try {
      return Request.decodePath(uri.getRawPath());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String query(URI uri) {
    if (uri.getRawQuery() == null) {
      return "";
    }
    try {
      return "?" + Request.decodeQueryComponent(uri.getRawQuery());
    } catch (IllegalArgumentException e) {
      return "?" + uri.getRawQuery();
    }
  }

  private void send(HttpExchange ex, Response response) throws IOException {
    Headers out = ex.getResponseHeaders();
    defaultHeaders.forEach(out::set);
    response.headers().forEach(out::set);
    byte[] body = response.body();
    boolean noBody =
        body.length == 0 || response.status() == 204 || "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    }
  }
}
