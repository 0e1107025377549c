package com.opencx.handoff.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ids on a line logged inside a real activity and a real workflow: what the Temporal SDK puts
 * into the MDC there, under the names {@link LogContext} gives them, so that a change of the SDK's
 * keys fails here rather than silently dropping the ids from production logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class TemporalLogLinesTest {

  @ActivityInterface
  public interface Lookups {
    void findContact(String phone);
  }

  @WorkflowInterface
  public interface Flow {
    @WorkflowMethod
    void run(String phone);
  }

  static class LookupsImpl implements Lookups {
    private static final Logger log = LoggerFactory.getLogger(LookupsImpl.class);
    private int calls;

    @Override
    public void findContact(String phone) {
      if (++calls == 1) {
        throw new IllegalStateException("try again");
      }
      log.info("looked up {}", phone);
    }
  }

  public static class FlowImpl implements Flow {
    private static final Logger log = Workflow.getLogger(FlowImpl.class);

    @Override
    public void run(String phone) {
      log.info("handing off");
      Workflow.newActivityStub(
              Lookups.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(10))
                  .setRetryOptions(
                      RetryOptions.newBuilder()
                          .setInitialInterval(Duration.ofMillis(10))
                          .setMaximumAttempts(2)
                          .build())
                  .build())
          .findContact(phone);
    }
  }

  @Test
  void activityAndWorkflowLinesCarryTheHandoffsIds(CapturedOutput output) throws Exception {
    SpringApplication app = new SpringApplication(LogLinesTest.Empty.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    try (ConfigurableApplicationContext context =
            app.run(
                "--logging.structured.format.console=ecs",
                "--logging.structured.json.customizer="
                    + HandoffJsonLogCustomizer.class.getName());
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("q");
      worker.registerWorkflowImplementationTypes(FlowImpl.class);
      worker.registerActivitiesImplementations(new LookupsImpl());
      env.start();
      env.getWorkflowClient()
          .newWorkflowStub(
              Flow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue("q")
                  .setWorkflowId("whatsapp-handoff-s-77")
                  .build())
          .run("+4915112345678");
    }

    JsonNode activity = line(output, "looked up");
    assertThat(activity.path("sessionId").asText()).isEqualTo("s-77");
    assertThat(activity.path("workflowId").asText()).isEqualTo("whatsapp-handoff-s-77");
    assertThat(activity.path("runId").asText()).isNotBlank();
    assertThat(activity.path("activityType").asText()).isEqualTo("FindContact");
    assertThat(activity.path("attempt").asText()).isEqualTo("2");
    assertThat(activity.path("message").asText()).isEqualTo("looked up +********78");
    JsonNode workflow = line(output, "handing off");
    assertThat(workflow.path("sessionId").asText()).isEqualTo("s-77");
    assertThat(workflow.path("runId").asText()).isEqualTo(activity.path("runId").asText());
    assertThat(output.getAll()).doesNotContain("4915112345678");
  }

  private static JsonNode line(CapturedOutput output, String message) throws Exception {
    List<String> lines =
        output.getOut().lines().filter(l -> l.startsWith("{") && l.contains(message)).toList();
    assertThat(lines).as("JSON lines with %s", message).hasSize(1);
    return new ObjectMapper().readTree(lines.get(0));
  }
}
