package com.opencx.handoff.starter.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's OpenAPI 3 description, served by springdoc at {@code /v3/api-docs} with Swagger UI at
 * {@code /swagger-ui.html} (both open, like the actuator: they hold no handoff data). Operations
 * and bodies are described by annotations on the controllers and request types; this class adds
 * what belongs to the whole API: its title, the two kinds of bearer token, and (through {@link
 * SharedResponses}) the refusals every operation shares, all as problem details.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocsConfiguration {

  /** An OpenCX token: {@code /v1/handoffs/**} only. */
  static final String OPENCX_TOKEN = "opencxToken";

  /** An ops token: every call, including {@code /v1/ops/**} and {@code /codec/**}. */
  static final String OPS_TOKEN = "opsToken";

  /** The controllers' {@code @Tag}s, in the order Swagger UI shows them. */
  public static final String HANDOFFS = "Handoffs";

  public static final String OPS = "Ops";
  public static final String CODEC = "Codec";

  @Bean
  OpenAPI handoffOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("WhatsApp → Dynamics 365 handoff API")
                .version("v1")
                .description(
                    """
                    Starts, reads and signals handoffs (OpenCX), and lists and acts on them (ops).
                    Bodies are JSON, at most 1 MiB; unknown fields are ignored.

                    Every refusal is an RFC 9457 problem detail (`application/problem+json`):
                    `type`, `title`, `status`, `detail`, `instance`, and the extensions `error`
                    (the stable code to branch on), `violations` (`[{field, rule}]`, each broken
                    rule of a 400) and, on `handoff_ended`, `phase`. `message` repeats `detail`
                    for clients of the old shape and goes in the next release. The same shape
                    answers an unknown path (404 `not_found`), a wrong method (405
                    `method_not_allowed`) and a request Tomcat cannot read (400 `bad_request`).
                    """))
        .components(
            new Components()
                .addSecuritySchemes(
                    OPENCX_TOKEN,
                    bearer("An OpenCX token (handoff.api.opencx-tokens): /v1/handoffs only."))
                .addSecuritySchemes(
                    OPS_TOKEN,
                    bearer(
                        "An ops token (handoff.api.ops-tokens): every call, including /v1/ops"
                            + " and /codec.")));
  }

  @Bean
  OpenApiCustomizer sharedResponses() {
    return new SharedResponses();
  }

  private static SecurityScheme bearer(String description) {
    return new SecurityScheme()
        .type(SecurityScheme.Type.HTTP)
        .scheme("bearer")
        .description(description);
  }
}
