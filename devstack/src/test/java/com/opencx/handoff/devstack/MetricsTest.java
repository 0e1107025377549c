package com.opencx.handoff.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.emulators.DemoData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric family the worker and the API export, read from their {@code /actuator/prometheus}
 * as Prometheus scrapes it, after a handoff, a duplicate start, a park, a file attached and one
 * refused: each family is asserted by name so that a metric that disappears fails here, and neither
 * scrape may hold the demo customer's phone, email or name or a session id. The parked gauge's
 * count needs visibility, which the in-process test server lacks: {@link MetricsE2ETest} reads it.
 */
class MetricsTest {

  @TempDir static Path dataDir;
  static DevStack stack;
  static HandoffScenario scenario;

  @BeforeAll
  static void start() throws Exception {
    stack =
        DevStack.start(DevStackTest.freePorts(), TemporalService.Mode.TEST_SERVER, null, dataDir);
    scenario = new HandoffScenario(stack);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void theWorkerAndTheApiExportEveryHandoffMetricFamilyWithoutCustomerData() throws Exception {
    String handedOff = scenario.newSession();
    scenario.handOff(handedOff); // also starts it twice: one new, one existing
    String parked = scenario.newSession();
    scenario.park(parked);
    String withMedia = scenario.newSession();
    stack.openCx.addMedia(withMedia, "doc-1", "application/pdf", new byte[2048]);
    String body =
        HandoffScenario.startBody(withMedia)
            .replace(
                "\"media\":[]",
                "\"media\":[{\"mediaId\":\"doc-1\",\"mimeType\":\"application/pdf\","
                    + "\"sizeBytes\":2048,\"fileName\":\"receipt.pdf\"},"
                    + "{\"mediaId\":\"clip-1\",\"mimeType\":\"video/mp4\","
                    + "\"sizeBytes\":20000000}]"); // over the 16 MB default: refused
    var started = scenario.post("/v1/handoffs", body);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    scenario.awaitStatus(withMedia, s -> s.path("media").size() == 2);

    // The workflow's counters reach Micrometer on the SDK scope's 10-second report.
    String worker =
        awaitScrape(
            stack.workerUrl(),
            text ->
                has(text, "handoff_outcomes_total", "outcome=\"HandedOff\"", "route=\"record\"")
                    && has(
                        text,
                        "handoff_parks_total",
                        "step=\"CreateWorkItem\"",
                        "error_type=\"DataverseNotFound\""));
    assertThat(lines(worker, "handoff_time_to_work_item_seconds_bucket", "le=\"120.0\""))
        .isNotEmpty();
    assertThat(lines(worker, "handoff_time_to_work_item_seconds_count", "route=\"record\""))
        .isNotEmpty();
    assertThat(
            lines(
                worker,
                "handoff_step_latency_seconds_count",
                "step=\"ValidateSession\"",
                "result=\"succeeded\""))
        .isNotEmpty();
    assertThat(lines(worker, "handoff_step_attempts_total", "step=\"CreateWorkItem\""))
        .isNotEmpty();
    assertThat(
            lines(
                worker,
                "handoff_http_client_requests_seconds_count",
                "client=\"dataverse\"",
                "uri=\"$batch\"",
                "status=\"200\""))
        .as("the work item's $batch (the park's 404 is one of its parts)")
        .isNotEmpty();
    assertThat(
            lines(
                worker,
                "handoff_http_client_requests_seconds_count",
                "client=\"opencx\"",
                "uri=\"v1/sessions/{id}\""))
        .isNotEmpty();
    assertThat(lines(worker, "handoff_http_client_throttled_total", "client=\"dataverse\""))
        .isNotEmpty();
    assertThat(
            lines(worker, "handoff_http_client_retry_after_seconds_count", "client=\"directline\""))
        .isNotEmpty();
    assertThat(lines(worker, "handoff_media_bytes_total", "destination=\"dataverse\""))
        .isNotEmpty();
    assertThat(lines(worker, "handoff_media_refusals_total", "reason=\"too_large\"")).isNotEmpty();
    assertThat(lines(worker, "handoff_relay_lag_seconds_count")).isNotEmpty();
    assertThat(lines(worker, "temporal_workflow_task_schedule_to_start_latency_seconds_count"))
        .as("the Temporal SDK's own metrics stay exported")
        .isNotEmpty();

    String api = scrape(stack.apiUrl());
    assertThat(lines(api, "handoff_starts_total", "result=\"new\"")).isNotEmpty();
    assertThat(lines(api, "handoff_starts_total", "result=\"existing\"")).isNotEmpty();
    assertThat(lines(api, "handoff_parked ")).isNotEmpty();
    assertThat(
            lines(
                api,
                "temporal_request_latency_seconds_count",
                "operation=\"StartWorkflowExecution\""))
        .as("the Temporal client's metrics")
        .isNotEmpty();

    for (String text : List.of(worker, api)) {
      assertThat(text)
          .doesNotContain(
              DemoData.CUSTOMER_PHONE,
              "14155550100",
              DemoData.CUSTOMER_EMAIL,
              DemoData.CUSTOMER_NAME,
              handedOff,
              parked,
              withMedia,
              "receipt.pdf");
    }
  }

  /** Lines of the family {@code name} holding every one of {@code parts}. */
  static List<String> lines(String text, String name, String... parts) {
    return text.lines()
        .filter(line -> line.startsWith(name))
        .filter(line -> Arrays.stream(parts).allMatch(line::contains))
        .toList();
  }

  static boolean has(String text, String name, String... parts) {
    return !lines(text, name, parts).isEmpty();
  }

  static String awaitScrape(String baseUrl, Predicate<String> ready) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    String text = scrape(baseUrl);
    while (!ready.test(text) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      text = scrape(baseUrl);
    }
    assertThat(ready.test(text)).as("scrape of %s never got there:%n%s", baseUrl, text).isTrue();
    return text;
  }

  static String scrape(String baseUrl) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }
}
