package com.opencx.handoff.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The log line as the worker writes it: Spring Boot's own logging system started by a real
 * application with the settings of the worker's and the API's YAML, an event logged from inside an
 * activity (the MDC the Temporal SDK sets there), and the line read back from the console.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogLinesTest {

  private static final Logger log = LoggerFactory.getLogger("com.opencx.handoff.activities.Demo");

  @Configuration(proxyBeanMethods = false)
  static class Empty {}

  private ConfigurableApplicationContext context;

  @AfterEach
  void stop() {
    MDC.clear();
    if (context != null) {
      context.close();
    }
  }

  private void start(String format) {
    SpringApplication app = new SpringApplication(Empty.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    context =
        app.run(
            "--logging.structured.format.console=" + format,
            "--logging.structured.json.customizer=" + HandoffJsonLogCustomizer.class.getName());
  }

  private static void logAsAnActivityWould() {
    // What io.temporal.internal.worker.ActivityWorker puts in the MDC around an activity.
    MDC.put("WorkflowId", "whatsapp-handoff-s-42");
    MDC.put("RunId", "2f0c9a4e-8d1b-4d7c-9a55-0c2b7f1e6a31");
    MDC.put("WorkflowType", "HandoffWorkflow");
    MDC.put("ActivityType", "CreateWorkItem");
    MDC.put("ActivityId", "7");
    MDC.put("Attempt", "3");
    log.warn(
        "contact +4915112345678 / jane@example.com not found",
        new IllegalStateException("Dataverse said: no contact jane@example.com"));
  }

  @Test
  void jsonLineNamesTheHandoffAndMasksCustomerData(CapturedOutput output) throws Exception {
    start("ecs");
    logAsAnActivityWould();

    JsonNode line = lastJsonLine(output.getOut());
    assertThat(line.path("sessionId").asText()).isEqualTo("s-42");
    assertThat(line.path("workflowId").asText()).isEqualTo("whatsapp-handoff-s-42");
    assertThat(line.path("runId").asText()).isEqualTo("2f0c9a4e-8d1b-4d7c-9a55-0c2b7f1e6a31");
    assertThat(line.path("activityType").asText()).isEqualTo("CreateWorkItem");
    assertThat(line.path("attempt").asText()).isEqualTo("3");
    assertThat(line.has("WorkflowId")).isFalse();
    assertThat(line.path("message").asText())
        .isEqualTo("contact +********78 / ***@***.com not found");
    assertThat(output.getOut())
        .contains("IllegalStateException")
        .contains("no contact ***@***.com");
    assertThat(output.getAll()).doesNotContain("4915112345678").doesNotContain("jane@example");
  }

  @Test
  void theApisOwnSessionIdIsNotWrittenTwice(CapturedOutput output) throws Exception {
    start("logstash");
    MDC.put("sessionId", "s-7");
    log.info("status of session s-7 read");

    JsonNode line = lastJsonLine(output.getOut());
    assertThat(line.path("sessionId").asText()).isEqualTo("s-7");
    assertThat(output.getOut().lines().filter(l -> l.contains("status of session")))
        .singleElement()
        .satisfies(l -> assertThat(l.split("\"sessionId\"", -1)).hasSize(2));
  }

  @Test
  void plainLineNamesTheHandoffAndMasksCustomerData(CapturedOutput output) {
    start(PlainLogFormatter.class.getName());
    logAsAnActivityWould();

    String line =
        output.getOut().lines().filter(l -> l.contains("not found")).reduce((a, b) -> b).get();
    assertThat(line)
        .contains(" WARN ")
        .contains("contact +********78 / ***@***.com not found")
        .endsWith(
            "[sessionId=s-42 workflowId=whatsapp-handoff-s-42 activityType=CreateWorkItem"
                + " attempt=3]");
    assertThat(output.getOut()).contains("no contact ***@***.com");
    assertThat(output.getAll()).doesNotContain("4915112345678").doesNotContain("jane@example");
  }

  private static JsonNode lastJsonLine(String out) throws Exception {
    String[] lines = out.lines().filter(l -> l.startsWith("{")).toArray(String[]::new);
    assertThat(lines).isNotEmpty();
    return new ObjectMapper().readTree(Arrays.asList(lines).get(lines.length - 1));
  }
}
