package com.opencx.handoff.starter.codec;

import com.opencx.handoff.starter.security.ApiProperties;
import com.opencx.handoff.starter.web.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * Lets the Temporal UI, a page served from another origin, call the codec endpoint from the
 * operator's browser: only the origins in {@code handoff.api.codec-cors-origins}, only POST (and
 * the OPTIONS preflight), only the headers the UI sends, with credentials (the UI's "include
 * credentials" setting). Every setting is given explicitly, so none of Spring's permissive defaults
 * (any origin, any header) survives; with no origin configured the mapping still exists and refuses
 * every cross-origin request (preflights get 403) instead of leaving it to the browser. Spring MVC
 * applies it before the controller runs; the bearer filter lets preflights through untouched
 * because browsers send them without the Authorization header.
 */
@Configuration(proxyBeanMethods = false)
public class CodecCors implements WebMvcConfigurer {

  static final List<String> ALLOWED_HEADERS =
      List.of("Content-Type", "Authorization", "X-Namespace");

  /** How long a browser may reuse a preflight's answer. */
  static final Duration MAX_AGE = Duration.ofMinutes(10);

  private final List<String> origins;

  public CodecCors(ApiProperties properties) {
    this.origins = properties.codecCorsOrigins();
  }

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    registry
        .addMapping(CodecController.PATH + "/**")
        .allowedOrigins(origins.toArray(String[]::new))
        .allowedMethods("POST", "OPTIONS")
        .allowedHeaders(ALLOWED_HEADERS.toArray(String[]::new))
        .exposedHeaders()
        .allowCredentials(true)
        .maxAge(MAX_AGE.toSeconds());
  }

  /**
   * Spring's CORS checks with the API's problem detail: the same decisions, only the refusal's body
   * differs.
   */
  @Bean
  static BeanPostProcessor jsonCorsRefusals() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof AbstractHandlerMapping mapping) {
          mapping.setCorsProcessor(new JsonCorsProcessor());
        }
        return bean;
      }
    };
  }

  static final class JsonCorsProcessor extends DefaultCorsProcessor {
    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
      response.setStatusCode(HttpStatus.FORBIDDEN);
      response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
      String message =
          "this origin may not call the API from a browser (handoff.api.codec-cors-origins)";
      response
          .getBody()
          .write(
              Problems.json(Problems.of(HttpStatus.FORBIDDEN, message))
                  .getBytes(StandardCharsets.UTF_8));
      response.flush();
    }
  }
}
