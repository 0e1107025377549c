package com.opencx.handoff.starter;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.operations.HandoffOperations;
import com.opencx.handoff.starter.api.RequestValidator;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.Phase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI description ({@code /v3/api-docs}) and Swagger UI, fetched without a token as a
 * browser would. The description must list every operation the controllers map (so an endpoint
 * added without documentation fails here), each with exactly the statuses below, every refusal with
 * the problem body, and the same limits as the validator enforces.
 */
class ApiDocsTest extends ApiTestSupport {

  /** Every operation and the statuses it documents. */
  static final Map<String, Set<String>> DOCUMENTED =
      Map.ofEntries(
          entry("POST /v1/handoffs", Set.of("200", "202", "400", "401", "413", "415", "500")),
          entry("GET /v1/handoffs/{sessionId}", Set.of("200", "400", "401", "404", "500", "503")),
          entry("POST /v1/handoffs/{sessionId}/messages", signal()),
          entry("POST /v1/handoffs/{sessionId}/close", signal()),
          entry("GET /v1/ops/handoffs", Set.of("200", "400", "401", "403", "500", "503")),
          entry("POST /v1/ops/handoffs/{sessionId}/retry", operatorAction(true)),
          entry("POST /v1/ops/handoffs/{sessionId}/skip", operatorAction(false)),
          entry("POST /v1/ops/handoffs/{sessionId}/cancel", operatorAction(true)),
          entry("POST /codec/decode", codec()),
          entry("POST /codec/encode", codec()));

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private static Set<String> signal() {
    return Set.of("202", "400", "401", "404", "409", "413", "415", "500", "503");
  }

  private static Set<String> operatorAction(boolean body) {
    Set<String> codes =
        new HashSet<>(Set.of("200", "400", "401", "403", "404", "409", "500", "503"));
    if (body) {
      codes.addAll(Set.of("413", "415"));
    }
    return codes;
  }

  private static Set<String> codec() {
    return Set.of("200", "400", "401", "403", "413", "415", "500", "503");
  }

  private JsonNode apiDocs() throws IOException {
    Reply reply = get("/v3/api-docs", null);
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    return reply.body();
  }

  /** "POST /v1/handoffs" for each method and path the API's own controllers map. */
  private Set<String> controllerOperations() {
    Set<String> operations = new TreeSet<>();
    mappings
        .getHandlerMethods()
        .forEach(
            (info, method) -> {
              String type = method.getBeanType().getName();
              if (type.startsWith("com.opencx.handoff.starter.")
                  && !type.endsWith(".ApiErrorController")) {
                for (String path : info.getPatternValues()) {
                  info.getMethodsCondition()
                      .getMethods()
                      .forEach(m -> operations.add(m.name() + " " + path));
                }
              }
            });
    return operations;
  }

  private static Set<String> documentedOperations(JsonNode docs) {
    Set<String> operations = new TreeSet<>();
    docs.path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> operations.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey())));
    return operations;
  }

  private static JsonNode operation(JsonNode docs, String operation) {
    String[] parts = operation.split(" ", 2);
    return docs.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT));
  }

  @Test
  void everyMappedOperationIsDocumentedWithEachOfItsStatuses() throws IOException {
    JsonNode docs = apiDocs();
    Set<String> mapped = controllerOperations();

    assertThat(mapped).as("controllers' mappings").isNotEmpty();
    assertThat(documentedOperations(docs)).isEqualTo(mapped);
    assertThat(DOCUMENTED.keySet()).as("this test's table").isEqualTo(mapped);

    for (String name : mapped) {
      JsonNode op = operation(docs, name);
      assertThat(op.path("summary").asText()).as(name).isNotBlank();
      Set<String> codes = new TreeSet<>();
      op.path("responses").fieldNames().forEachRemaining(codes::add);
      assertThat(codes).as(name).isEqualTo(new TreeSet<>(DOCUMENTED.get(name)));
      op.path("responses")
          .properties()
          .forEach(
              response -> {
                String code = response.getKey();
                JsonNode content = response.getValue().path("content");
                assertThat(response.getValue().path("description").asText())
                    .as("%s %s", name, code)
                    .isNotBlank();
                if (code.startsWith("2")) {
                  assertThat(content.path("application/json").path("schema").isMissingNode())
                      .as("%s %s: %s", name, code, content)
                      .isFalse();
                } else {
                  assertThat(content.fieldNames())
                      .toIterable()
                      .as("%s %s", name, code)
                      .containsExactly("application/problem+json");
                  assertThat(content.at("/application~1problem+json/schema/$ref").asText())
                      .isEqualTo("#/components/schemas/Problem");
                }
              });
    }
  }

  @Test
  void opsCallsNeedAnOpsTokenAndOpenCxCallsEither() throws IOException {
    JsonNode docs = apiDocs();
    assertThat(docs.at("/components/securitySchemes/opencxToken/scheme").asText())
        .isEqualTo("bearer");
    assertThat(docs.at("/components/securitySchemes/opsToken/scheme").asText()).isEqualTo("bearer");
    for (String name : DOCUMENTED.keySet()) {
      List<String> schemes = schemes(operation(docs, name).path("security"));
      boolean opsOnly = name.contains(" /v1/ops/") || name.contains(" /codec/");
      assertThat(schemes)
          .as(name)
          .isEqualTo(opsOnly ? List.of("opsToken") : List.of("opencxToken", "opsToken"));
    }
  }

  private static List<String> schemes(JsonNode security) {
    return Stream.iterate(0, i -> i < security.size(), i -> i + 1)
        .flatMap(i -> Stream.of(security.get(i).fieldNames().next()))
        .toList();
  }

  @Test
  void theTagsAreListedOnceEachOpenCxsFirst() throws IOException {
    assertThat(apiDocs().path("tags"))
        .extracting(t -> t.path("name").asText())
        .containsExactly("Handoffs", "Ops", "Codec");
  }

  @Test
  void theProblemSchemaHasTheStandardMembersAndTheExtensions() throws IOException {
    JsonNode problem = apiDocs().at("/components/schemas/Problem/properties");
    Set<String> members = new TreeSet<>();
    problem.fieldNames().forEachRemaining(members::add);

    assertThat(members)
        .containsExactlyInAnyOrder(
            "type",
            "title",
            "status",
            "detail",
            "instance",
            "error",
            "message",
            "violations",
            "phase");
    assertThat(problem.path("message").path("deprecated").asBoolean()).isTrue();
    assertThat(problem.at("/violations/items/$ref").asText())
        .isEqualTo("#/components/schemas/Violation");
  }

  @Test
  void theDocumentedLimitsAreTheValidatorsOwn() throws IOException {
    JsonNode schemas = apiDocs().path("components").path("schemas");
    JsonNode start = schemas.path("HandoffRequest").path("properties");
    JsonNode customer = schemas.path("Customer").path("properties");
    JsonNode media = schemas.path("MediaItem").path("properties");
    JsonNode message = schemas.path("InboundMessage").path("properties");

    assertThat(start.at("/sessionId/maxLength").asInt())
        .isEqualTo(RequestValidator.MAX_SESSION_ID_LENGTH);
    assertThat(start.at("/sessionId/pattern").asText())
        .isEqualTo(RequestValidator.SESSION_ID_PATTERN);
    assertThat(start.at("/media/maxItems").asInt()).isEqualTo(RequestValidator.MAX_MEDIA_ITEMS);
    assertThat(start.at("/transcript/maxItems").asInt())
        .isEqualTo(RequestValidator.MAX_TRANSCRIPT_ENTRIES);
    assertThat(customer.at("/phone/maxLength").asInt())
        .isEqualTo(RequestValidator.MAX_PHONE_LENGTH);
    assertThat(customer.at("/name/maxLength").asInt()).isEqualTo(RequestValidator.MAX_NAME_LENGTH);
    assertThat(media.at("/mediaId/maxLength").asInt())
        .isEqualTo(RequestValidator.MAX_MEDIA_ID_LENGTH);
    assertThat(media.at("/fileName/maxLength").asInt())
        .isEqualTo(RequestValidator.MAX_FILE_NAME_LENGTH);
    assertThat(texts(media.at("/mimeType/enum")))
        .containsExactlyInAnyOrderElementsOf(MediaItem.WHATSAPP_MIME_TYPES);
    assertThat(message.at("/text/maxLength").asInt()).isEqualTo(RequestValidator.MAX_MESSAGE_TEXT);
    assertThat(message.at("/media/maxItems").asInt()).isEqualTo(RequestValidator.MAX_MEDIA_ITEMS);
    assertThat(schemas.at("/HandoffRequest/required"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("sessionId", "customer", "summary", "lastInboundAt");

    JsonNode path = operation(apiDocs(), "GET /v1/handoffs/{sessionId}").at("/parameters/0");
    assertThat(path.path("name").asText()).isEqualTo("sessionId");
    assertThat(path.at("/schema/pattern").asText()).isEqualTo(RequestValidator.SESSION_ID_PATTERN);

    JsonNode list = operation(apiDocs(), "GET /v1/ops/handoffs").path("parameters");
    for (JsonNode parameter : list) {
      switch (parameter.path("name").asText()) {
        case "status" ->
            assertThat(texts(parameter.at("/schema/enum")))
                .containsExactlyInAnyOrderElementsOf(
                    Stream.concat(Arrays.stream(Phase.values()).map(Phase::name), Stream.of("all"))
                        .toList());
        case "pageSize" ->
            assertThat(parameter.at("/schema/maximum").asInt())
                .isEqualTo(HandoffOperations.MAX_PAGE_SIZE);
        default -> {}
      }
    }
  }

  private static List<String> texts(JsonNode array) {
    return Stream.iterate(0, i -> i < array.size(), i -> i + 1)
        .map(i -> array.get(i).asText())
        .toList();
  }

  @Test
  void swaggerUiIsServedWithoutATokenAndReadsTheDescription() throws Exception {
    HttpClient browser =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpResponse<String> page =
        browser.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/swagger-ui.html"))
                .build(),
            BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().getPath()).isEqualTo("/swagger-ui/index.html");
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("swagger-ui-bundle.js");

    Reply config = get("/v3/api-docs/swagger-config", null);
    assertThat(config.status()).isEqualTo(200);
    assertThat(config.body().path("url").asText()).isEqualTo("/v3/api-docs");
  }
}
