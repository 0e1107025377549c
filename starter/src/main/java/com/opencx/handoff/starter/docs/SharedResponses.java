package com.opencx.handoff.starter.docs;

import com.opencx.handoff.starter.api.RequestValidator;
import com.opencx.handoff.workflows.model.MediaItem;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What every operation shares, added once here rather than repeated on each: which tokens may call
 * it (the bearer filter's rule: {@code /v1/ops} and {@code /codec} need an ops token), the filter's
 * and Spring MVC's refusals (401, 403, 413, 415, 500), the {@code Problem} body of every 4xx and
 * 5xx answer, the tags' order, and the rules only code knows (the {@code sessionId} path
 * parameter's, the media types), taken from the code that enforces them so the description cannot
 * drift from it.
 */
final class SharedResponses implements OpenApiCustomizer {

  static final String PROBLEM = "Problem";

  @Override
  public void customise(OpenAPI api) {
    ResolvedSchema problem =
        ModelConverters.getInstance()
            .readAllAsResolvedSchema(new AnnotatedType(ProblemDocument.class));
    problem.referencedSchemas.forEach(api.getComponents()::addSchemas);
    api.getComponents().addSchemas(PROBLEM, problem.schema);
    mediaTypes(api.getComponents().getSchemas());

    api.getPaths()
        .forEach((path, item) -> item.readOperations().forEach(op -> customise(path, op)));
    if (api.getTags() != null) {
      // OpenCX's calls first, then ops', then the codec's (springdoc lists them as it finds them).
      List<String> order =
          List.of(
              ApiDocsConfiguration.HANDOFFS, ApiDocsConfiguration.OPS, ApiDocsConfiguration.CODEC);
      api.getTags()
          .sort(
              Comparator.comparingInt(
                  (Tag t) ->
                      order.indexOf(t.getName()) < 0 ? order.size() : order.indexOf(t.getName())));
    }
  }

  private static void customise(String path, Operation op) {
    boolean opsOnly = path.startsWith("/v1/ops/") || path.startsWith("/codec/");
    op.setSecurity(
        opsOnly
            ? List.of(token(ApiDocsConfiguration.OPS_TOKEN))
            : List.of(
                token(ApiDocsConfiguration.OPENCX_TOKEN), token(ApiDocsConfiguration.OPS_TOKEN)));

    ApiResponses responses = op.getResponses();
    add(responses, "401", "unauthorized: no bearer token, or one the API does not know.");
    if (opsOnly) {
      add(responses, "403", "forbidden: an OpenCX token; this call needs an ops token.");
    }
    if (op.getRequestBody() != null) {
      add(responses, "413", "body_too_large: the body is over 1 MiB.");
      add(responses, "415", "unsupported_media_type: the body is not application/json.");
    }
    add(responses, "500", "internal_error: the API failed unexpectedly; it may be retried.");
    responses.forEach(
        (code, response) -> {
          if (code.compareTo("400") >= 0) {
            response.setContent(problemContent());
          }
        });
    Map<String, ApiResponse> sorted = new TreeMap<>(Comparator.naturalOrder());
    sorted.putAll(responses);
    responses.clear();
    responses.putAll(sorted);

    if (op.getParameters() != null) {
      op.getParameters().stream()
          .filter(p -> "path".equals(p.getIn()) && "sessionId".equals(p.getName()))
          .forEach(
              p ->
                  p.description("OpenCX's session id.")
                      .schema(
                          new StringSchema()
                              .maxLength(RequestValidator.MAX_SESSION_ID_LENGTH)
                              .pattern(RequestValidator.SESSION_ID_PATTERN)
                              .example("sess-2026-11-24-0001")));
    }
  }

  /** WhatsApp's media types, from the set the validator checks. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void mediaTypes(Map<String, Schema> schemas) {
    Schema item = schemas.get("MediaItem");
    if (item != null && item.getProperties() != null) {
      Schema mimeType = (Schema) item.getProperties().get("mimeType");
      if (mimeType != null) {
        mimeType.setEnum(MediaItem.WHATSAPP_MIME_TYPES.stream().sorted().toList());
      }
    }
  }

  private static void add(ApiResponses responses, String code, String description) {
    responses.computeIfAbsent(code, c -> new ApiResponse().description(description));
  }

  private static Content problemContent() {
    return new Content()
        .addMediaType(
            org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
  }

  private static SecurityRequirement token(String scheme) {
    return new SecurityRequirement().addList(scheme);
  }
}
