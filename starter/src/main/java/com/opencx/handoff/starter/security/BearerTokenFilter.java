package com.opencx.handoff.starter.security;

import com.opencx.handoff.starter.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Bearer-token gate in front of {@code /v1/**} and {@code /codec/**}: 401 without a known token,
 * 403 when an OpenCX token calls {@code /v1/ops/**} or the codec endpoint (which turns encrypted
 * payloads back into customer data, so only operators may use it). A CORS preflight to {@code
 * /codec/**} passes without a token, as browsers send it without credentials; Spring MVC's CORS
 * handling answers it, and nothing past it runs. Bodies over 1 MiB are refused with 413 before they
 * reach a controller (by their Content-Length, or for a chunked body after reading at most 1 MiB +
 * 1 byte). Every refusal is the API's problem detail. Tokens are compared in constant time and
 * never logged. Everything else is open: the actuator, the OpenAPI description ({@code
 * /v3/api-docs}) and Swagger UI ({@code /swagger-ui.html}), which hold no handoff data.
 */
@Component
public class BearerTokenFilter extends OncePerRequestFilter {

  static final long MAX_BODY_BYTES = 1024 * 1024;

  /** Where the codec endpoint lives; see {@code CodecController}. */
  public static final String CODEC_PREFIX = "/codec/";

  private final ApiProperties properties;

  public BearerTokenFilter(ApiProperties properties) {
    this.properties = properties;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = path(request);
    return !path.startsWith("/v1/") && !isCodec(path);
  }

  private static boolean isCodec(String path) {
    return path.startsWith(CODEC_PREFIX);
  }

  /**
   * The path as Spring MVC matches it: percent-decoded, {@code ;parameters} removed, repeated
   * slashes merged. The raw request URI would let {@code /v1/%6Fps/...} or {@code /v1/ops;x/...}
   * past the checks while still reaching the same controller.
   */
  private static String path(HttpServletRequest request) {
    return UrlPathHelper.defaultInstance.getPathWithinApplication(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = path(request);
    if (isCodec(path) && CorsUtils.isPreFlightRequest(request)) {
      // A preflight runs no handler: Spring MVC answers it from the CORS configuration alone.
      chain.doFilter(request, response);
      return;
    }
    String header = request.getHeader("Authorization");
    String token = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
    boolean ops = matches(token, properties.opsTokens());
    boolean opencx = ops || matches(token, properties.opencxTokens());
    if (!opencx) {
      // RFC 6750 §3: a 401 names the scheme it wants.
      response.setHeader("WWW-Authenticate", "Bearer");
      reject(request, response, 401, "unauthorized", "a valid bearer token is required");
    } else if (path.startsWith("/v1/ops/") && !ops) {
      reject(request, response, 403, "forbidden", "this token may not call /v1/ops");
    } else if (isCodec(path) && !ops) {
      reject(
          request,
          response,
          403,
          "forbidden",
          "only ops tokens may call the codec endpoint /codec");
    } else if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      reject(request, response, 413, "body_too_large", "request bodies are limited to 1 MiB");
    } else if (request.getContentLengthLong() < 0) {
      // No Content-Length (chunked): read at most one byte past the limit to decide.
      byte[] body = request.getInputStream().readNBytes((int) MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        reject(request, response, 413, "body_too_large", "request bodies are limited to 1 MiB");
      } else {
        chain.doFilter(new BufferedBody(request, body), response);
      }
    } else {
      chain.doFilter(request, response);
    }
  }

  /** A request whose body was already read (and found small enough) by this filter. */
  private static final class BufferedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream bytes = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return bytes.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return bytes.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body is already buffered");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      return new BufferedReader(
          new InputStreamReader(
              getInputStream(),
              encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }

  private static boolean matches(String token, List<String> known) {
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    boolean found = false;
    for (String candidate : known) {
      found |= MessageDigest.isEqual(given, candidate.getBytes(StandardCharsets.UTF_8));
    }
    return found && given.length > 0;
  }

  private static void reject(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String code,
      String message)
      throws IOException {
    Problems.write(
        response,
        Problems.at(
            Problems.of(HttpStatusCode.valueOf(status), code, message), request.getRequestURI()));
  }
}
