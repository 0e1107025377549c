package com.opencx.handoff.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencx.handoff.workflows.HandoffSearchAttributes;
import com.opencx.handoff.workflows.HandoffWorkflow;
import com.opencx.handoff.workflows.HandoffWorkflowImpl;
import com.opencx.handoff.workflows.activities.AuditActivities;
import com.opencx.handoff.workflows.activities.DynamicsActivities;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.activities.MediaActivities;
import com.opencx.handoff.workflows.activities.PolicyActivities;
import com.opencx.handoff.workflows.activities.SessionActivities;
import com.opencx.handoff.workflows.model.ContactRule;
import com.opencx.handoff.workflows.model.HandoffPolicy;
import com.opencx.handoff.workflows.model.MediaOutcome;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;

/**
 * What the API tests share: the API over real HTTP, against a real {@code HandoffWorkflowImpl} on
 * Temporal's in-process test server with happy-path fake activities (a few session ids and a
 * "broken" workstream switch them to failures), plus request helpers. Temporal's Spring Boot
 * auto-configuration is excluded and the test environment's client is the API's {@code
 * WorkflowClient}; the codec endpoint runs {@link XorTestCodec}. Every subclass has the same
 * configuration, so they share one Spring context and one test server.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      // The API's own handoff-api.yml (springdoc's settings among them), as in production.
      StarterApplication.CONFIG_NAME,
      "handoff.api.opencx-tokens=" + ApiTestSupport.OPENCX_TOKEN,
      "handoff.api.ops-tokens=" + ApiTestSupport.OPS_TOKEN,
      "handoff.codec.keys=test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
      "handoff.api.codec-cors-origins=http://other.example:9000, " + ApiTestSupport.UI_ORIGIN,
      "spring.temporal.connection.target=127.0.0.1:1",
      "spring.autoconfigure.exclude="
          + "io.temporal.spring.boot.autoconfigure.TestServerAutoConfiguration,"
          + "io.temporal.spring.boot.autoconfigure.ServiceStubsAutoConfiguration,"
          + "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration,"
          + "io.temporal.spring.boot.autoconfigure.NonRootNamespaceAutoConfiguration"
    })
@Import(ApiTestSupport.TemporalTestServer.class)
abstract class ApiTestSupport {

  static final String OPENCX_TOKEN = "opencx-token-0123456789";
  static final String OPS_TOKEN = "ops-token-0123456789abcdef";

  /** The Temporal UI's origin, allowed to call the codec endpoint cross-origin. */
  static final String UI_ORIGIN = "http://temporal-ui.example:8233";

  /** A test property that leaves the task queue without a worker: nothing answers queries. */
  static final String NO_WORKER = "test.no-worker";

  static final String WORKSTREAM = "5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f";

  /** Creating a work item in this workstream fails as Dataverse's 404 would: the step parks. */
  static final String MISSING_WORKSTREAM = "00000000-0000-4000-8000-000000000404";

  static final String CONTACT_ID = "0c6ad6f3-0000-4000-8000-000000000001";

  /** Sessions whose id starts with this are unknown to the fake OpenCX: the handoff is Rejected. */
  static final String UNKNOWN_SESSION = "unknown-";

  /** Sessions whose id starts with this cannot write their audit: the WriteAudit step parks. */
  static final String AUDIT_DOWN = "auditdown-";

  static final Duration DEADLINE = Duration.ofSeconds(10);
  static final AtomicInteger SESSIONS = new AtomicInteger();
  static final ObjectMapper JSON = new ObjectMapper();

  /** Temporal's in-process test server with the real workflow and fake activities. */
  @TestConfiguration(proxyBeanMethods = false)
  static class TemporalTestServer {

    @Bean(destroyMethod = "close")
    TestWorkflowEnvironment testWorkflowEnvironment(
        @Value("${" + NO_WORKER + ":false}") boolean noWorker, DataConverter dataConverter) {
      // The API's own encrypting converter, so every test's payloads go through the real codec.
      TestWorkflowEnvironment env =
          TestWorkflowEnvironment.newInstance(
              TestEnvironmentOptions.newBuilder()
                  .setWorkflowClientOptions(
                      WorkflowClientOptions.newBuilder().setDataConverter(dataConverter).build())
                  .build());
      for (var key : HandoffSearchAttributes.ALL) {
        env.registerSearchAttribute(key.getName(), key.getValueType());
      }
      if (!noWorker) {
        Worker worker = env.newWorker(HandoffWorkflow.TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(HandoffWorkflowImpl.class);
        worker.registerActivitiesImplementations(
            new FakeSessions(),
            new FakeDynamics(),
            new FakeMedia(),
            new FakeAudit(),
            (PolicyActivities) () -> HandoffPolicy.DEFAULTS);
        env.newWorker(HandoffWorkflow.dataverseTaskQueue(HandoffWorkflow.TASK_QUEUE))
            .registerActivitiesImplementations(new FakeDynamics(), new FakeMedia());
      }
      env.start();
      return env;
    }

    @Bean
    @Primary
    WorkflowClient workflowClient(TestWorkflowEnvironment env) {
      return env.getWorkflowClient();
    }

    /** The codec the codec endpoint runs; primary, so it wins over any codec the API defines. */
    @Bean
    @Primary
    PayloadCodec testPayloadCodec() {
      return new XorTestCodec();
    }
  }

  static final class FakeSessions implements SessionActivities {
    @Override
    public ValidatedSession validateSession(ValidateSessionInput input) {
      String sessionId = input.request().sessionId();
      if (sessionId.startsWith(UNKNOWN_SESSION)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "OpenCX has no session " + sessionId, FailureTypes.SESSION_REJECTED);
      }
      var customer = input.request().customer();
      return new ValidatedSession(customer.phone(), customer.email(), customer.name());
    }

    @Override
    public void markSessionHandedOff(MarkHandedOffInput input) {}

    @Override
    public void notifyHandoffFailed(HandoffFailedInput input) {}
  }

  static final class FakeDynamics implements DynamicsActivities {
    @Override
    public ContactMatch resolveContact(ContactQuery query) {
      return query.email() == null
          ? new ContactMatch(null, ContactRule.NoMatch)
          : new ContactMatch(CONTACT_ID, ContactRule.Email);
    }

    @Override
    public WorkItemCreated createWorkItem(WorkItemDraft draft) {
      if (MISSING_WORKSTREAM.equals(draft.workstreamId())) {
        throw ApplicationFailure.newNonRetryableFailure(
            "404 workstream " + draft.workstreamId() + " does not exist",
            FailureTypes.DATAVERSE_NOT_FOUND);
      }
      return new WorkItemCreated(draft.workItemId(), false);
    }

    @Override
    public void updateTemplateWindow(WindowUpdate update) {}

    @Override
    public boolean isConversationClosed(String workItemId) {
      return false;
    }

    @Override
    public void closeWorkItem(String workItemId) {}
  }

  static final class FakeMedia implements MediaActivities {
    @Override
    public MediaOutcome attachMedia(MediaAttachment attachment) {
      return new MediaOutcome(
          attachment.item().mediaId(),
          MediaOutcome.Status.Attached,
          attachment.annotationId(),
          null);
    }

    @Override
    public MediaOutcome noteNotAttached(MediaAttachment attachment, String reason) {
      return new MediaOutcome(
          attachment.item().mediaId(),
          MediaOutcome.Status.Skipped,
          attachment.annotationId(),
          reason);
    }
  }

  static final class FakeAudit implements AuditActivities {
    @Override
    public void writeAuditEvent(AuditEvent event) {
      if (event.sessionId().startsWith(AUDIT_DOWN)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "OpenCX refused the audit event: 403", FailureTypes.OPENCX_REJECTED_CALL);
      }
    }
  }

  /**
   * A status code, the Content-Type (empty when none) and the parsed JSON body (a missing node when
   * the body is empty).
   */
  record Reply(int status, String contentType, JsonNode body) {}

  @LocalServerPort int port;

  @Autowired WorkflowClient temporal;

  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  // ---------------------------------------------------------------------------------------------
  // Helpers

  static String newSessionId(String label) {
    return label + "-" + SESSIONS.incrementAndGet();
  }

  static Map<String, Object> startBody(String sessionId, Instant lastInboundAt) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sessionId", sessionId);
    body.put("channel", "whatsapp");
    body.put(
        "customer", Map.of("phone", "+14155550100", "name", "Ana", "email", "ana@example.com"));
    body.put("summary", "Customer asks for a refund of order 1234.");
    body.put("lastInboundAt", lastInboundAt.toString());
    body.put(
        "media",
        List.of(Map.of("mediaId", "m-1", "mimeType", "image/jpeg", "fileName", "receipt.jpg")));
    body.put("workstreamId", WORKSTREAM);
    return body;
  }

  static Map<String, Object> startBody(String sessionId) {
    return startBody(sessionId, Instant.now().minus(Duration.ofHours(1)));
  }

  static String json(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Reply send(String method, String path, String token, BodyPublisher body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(method, body);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      var response = http.send(request.build(), BodyHandlers.ofString());
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply post(String path, String token, Object body) {
    return send("POST", path, token, BodyPublishers.ofString(json(body)));
  }

  Reply postRaw(String path, String token, String body) {
    return send("POST", path, token, BodyPublishers.ofString(body));
  }

  Reply get(String path, String token) {
    return send("GET", path, token, BodyPublishers.noBody());
  }

  Reply start(String sessionId) {
    Reply reply = post("/v1/handoffs", OPENCX_TOKEN, startBody(sessionId));
    assertThat(reply.status()).as("start %s: %s", sessionId, reply.body()).isEqualTo(202);
    return reply;
  }

  /** Polls the status call until the document satisfies {@code done}, or fails at the deadline. */
  JsonNode awaitStatus(String sessionId, Predicate<JsonNode> done) {
    Instant deadline = Instant.now().plus(DEADLINE);
    Reply last = null;
    while (Instant.now().isBefore(deadline)) {
      last = get("/v1/handoffs/" + sessionId, OPENCX_TOKEN);
      if (last.status() == 200 && done.test(last.body())) {
        return last.body();
      }
      pause();
    }
    return fail("status of %s never matched; last reply %s", sessionId, last);
  }

  JsonNode awaitPhase(String sessionId, String phase) {
    return awaitStatus(sessionId, s -> phase.equals(s.path("phase").asText()));
  }

  /** A short pause between two polls, so polling does not flood the test server. */
  static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The reply is an RFC 9457 problem detail with this status and stable code: the problem media
   * type, the standard members (title the status's phrase, as for type about:blank), {@code
   * violations} always, and the deprecated {@code message} equal to {@code detail}. Returns the
   * body for the caller's own checks.
   */
  static JsonNode assertProblem(Reply reply, int status, String error) {
    return assertProblem(reply.status(), reply.contentType(), reply.body(), status, error);
  }

  static JsonNode assertProblem(
      int actualStatus, String contentType, JsonNode body, int status, String error) {
    assertThat(actualStatus).as("%s", body).isEqualTo(status);
    assertThat(contentType).as("%s", body).startsWith("application/problem+json");
    assertThat(body.path("type").asText()).as("%s", body).isEqualTo("about:blank");
    assertThat(body.path("title").asText()).isEqualTo(HttpStatus.valueOf(status).getReasonPhrase());
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("error").asText()).as("%s", body).isEqualTo(error);
    assertThat(body.path("detail").asText()).isNotBlank();
    assertThat(body.path("message").asText()).isEqualTo(body.path("detail").asText());
    assertThat(body.path("violations").isArray()).as("%s", body).isTrue();
    return body;
  }

  static void assertViolation(Reply reply, String field, String ruleFragment) {
    assertProblem(reply, 400, "invalid_request");
    assertThat(reply.body().path("detail").asText()).contains(field);
    assertThat(reply.body().path("violations"))
        .anySatisfy(
            v -> {
              assertThat(v.path("field").asText()).isEqualTo(field);
              assertThat(v.path("rule").asText()).contains(ruleFragment);
            });
  }
}
