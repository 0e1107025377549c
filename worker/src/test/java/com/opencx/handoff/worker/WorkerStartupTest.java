package com.opencx.handoff.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker process as an operator starts it ({@link WorkerApplication} with {@code
 * handoff-worker.yml}): a configuration with several bad keys (malformed, out of range, of the
 * wrong type, unknown) is refused in one readable report naming each key once, with no stack trace;
 * and a worker started before its Temporal server keeps trying, saying so, and starts polling once
 * the server comes up.
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkerStartupTest {

  private static final String STATIC_TOKEN = "emulator-St4tic-T0ken-value";

  /** A configuration the worker accepts: loopback emulators, a static token, a closed Temporal. */
  private static Map<String, Object> valid(int temporalPort) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("HANDOFF_SECRETS_DIR", "target/no-secrets");
    config.put("spring.temporal.connection.target", "127.0.0.1:" + temporalPort);
    config.put("dynamics.environment-url", "http://127.0.0.1:18443");
    config.put("dynamics.static-token", STATIC_TOKEN);
    config.put("dynamics.workstream-id", "6a9f3c2e-1b4d-4e8f-9a7b-0c1d2e3f4a5b");
    config.put("opencx.base-url", "http://127.0.0.1:18444");
    config.put("opencx.api-key", "opencx-Ap1-Key-value");
    config.put("handoff.codec.keys", "test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    return config;
  }

  private static ConfigurableApplicationContext run(Map<String, Object> config) {
    String[] args =
        config.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(WorkerApplication.class)
        .properties(WorkerApplication.CONFIG_NAME)
        .web(WebApplicationType.NONE)
        .run(args);
  }

  @Test
  void severalBadKeysAreRefusedTogetherOneLineEachWithoutAStackTrace(CapturedOutput output)
      throws Exception {
    Map<String, Object> config = valid(1);
    config.put("dynamics.environment-url", "ftp://contoso.crm.dynamics.com");
    config.put("dynamics.workstream-id", "not-a-guid");
    config.put("dynamics.requests-per-second", "lots");
    config.put("dynamics.read-timeout", "soon");
    config.put("opencx.base-url", "https://api.opencx.example/");
    config.put("opencx.api-key", " ");
    config.put("media.max-bytes", "0");
    config.put("handoff.codec.keys", "k1:c2hvcnQta2V5LW9mLTE2Yg==");
    config.put("dynamics.workstreamid", "6a9f3c2e-1b4d-4e8f-9a7b-0c1d2e3f4a5b"); // unknown
    config.put("handoff.policy.parked-retry", "1h"); // unknown
    config.put("handoff.policy.step-budget", "abc"); // wrong type
    config.put("handoff.policy.media-parallelism", "50"); // out of range
    config.put("directline.relay.hot-every", "5m"); // out of range, nested
    String[] badKeys = {
      "dynamics.environment-url",
      "dynamics.workstream-id",
      "dynamics.requests-per-second",
      "dynamics.read-timeout",
      "opencx.base-url",
      "opencx.api-key",
      "media.max-bytes",
      "handoff.codec.keys",
      "dynamics.workstreamid",
      "handoff.policy.parked-retry:",
      "handoff.policy.step-budget",
      "handoff.policy.media-parallelism",
      "directline.relay.hot-every"
    };

    assertThatThrownBy(() -> run(config)).isNotNull();

    assertThat(output.getAll()).contains("\"log\":{\"level\":\"ERROR\"");
    String report = messages(output.getAll());
    assertThat(report).contains("APPLICATION FAILED TO START");
    for (String key : badKeys) {
      assertThat(report.lines().filter(line -> line.contains(key)))
          .as("lines naming %s", key)
          .hasSize(1);
    }
    assertThat(report)
        .contains("handoff.policy.step-budget = 'abc': must be a duration")
        .contains("dynamics.workstreamid: is not a setting of dynamics.*")
        .contains("handoff.policy.parked-retry: is not a setting of handoff.policy.*");
    assertThat(report.lines().filter(line -> line.stripLeading().startsWith("at ")))
        .as("stack frames")
        .isEmpty();
    assertThat(report)
        .doesNotContain(STATIC_TOKEN)
        .doesNotContain("opencx-Ap1-Key-value")
        .doesNotContain("c2hvcnQta2V5LW9mLTE2Yg");
  }

  @Test
  void aBadAdditionalApplicationUserIsNamedByItsIndexAndItsSecretIsNotRepeated(
      CapturedOutput output) throws Exception {
    Map<String, Object> config = valid(1);
    config.put("dynamics.additional-users[0].client-id", "not-a-guid");
    config.put("dynamics.additional-users[0].client-secret", "second-Secret-value");

    assertThatThrownBy(() -> run(config)).isNotNull();

    String report = messages(output.getAll());
    assertThat(report.lines().filter(line -> line.contains("additional-users[0].client-id")))
        .as("the bad client id, by index")
        .hasSize(1);
    assertThat(report)
        .contains("dynamics.additional-users need Entra client credentials")
        .doesNotContain("second-Secret-value");
  }

  @Test
  void aWorkerStartedBeforeTemporalKeepsTryingAndPollsOnceItIsUp(CapturedOutput output)
      throws Exception {
    int port = freePort();
    Map<String, Object> config = valid(port);
    config.put("handoff.worker.temporal-retry-interval", "200ms");

    try (ConfigurableApplicationContext worker = run(config)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  output
                      .getAll()
                      .contains(
                          "Temporal at 127.0.0.1:" + port + " is not reachable yet; retrying in"));
      WorkerFactory factory = worker.getBean(WorkerFactory.class);
      assertThat(factory.isStarted()).as("started before Temporal answered").isFalse();

      try (TestServer.PortBoundTestServer temporal = TestServer.createPortBoundServer(port)) {
        await().atMost(Duration.ofSeconds(60)).until(factory::isStarted);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> output.getAll().contains("Connected to Temporal at 127.0.0.1:" + port));
        assertThat(Arrays.stream(output.getAll().split("\n")))
            .noneMatch(line -> line.contains("APPLICATION FAILED TO START"));
        worker.close(); // before its server, so that shutting down does not wait on a dead one
      }
    }
  }

  /** The worker logs JSON lines: their messages, one text line per line of a message. */
  private static String messages(String jsonLines) throws Exception {
    ObjectMapper json = new ObjectMapper();
    StringBuilder text = new StringBuilder();
    for (String line : jsonLines.lines().toList()) {
      text.append(line.startsWith("{") ? json.readTree(line).path("message").asText() : line)
          .append('\n');
    }
    return text.toString();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
