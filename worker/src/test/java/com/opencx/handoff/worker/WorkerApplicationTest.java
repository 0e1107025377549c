package com.opencx.handoff.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.activities.dynamics.DynamicsActivitiesImpl;
import com.opencx.handoff.activities.media.MediaActivitiesImpl;
import com.opencx.handoff.activities.opencx.AuditActivitiesImpl;
import com.opencx.handoff.activities.opencx.SessionActivitiesImpl;
import io.temporal.worker.WorkerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * The whole worker application context, as {@link WorkerApplication#main} builds it from {@code
 * handoff-worker.yml}, starts with an emulator-style configuration and registers the Temporal
 * worker for task queue {@code dynamics-handoff} with the four activity beans the YAML names. No
 * Temporal server is needed: workers are not started ({@code handoff.worker.start-workers=false}),
 * the service stubs connect lazily to a closed port, there is no web server, and the secrets
 * directory points nowhere so the machine's {@code /run/secrets} cannot leak in.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      WorkerApplication.CONFIG_NAME,
      "HANDOFF_SECRETS_DIR=target/no-secrets",
      "handoff.worker.start-workers=false",
      "spring.temporal.connection.target=127.0.0.1:1",
      "dynamics.environment-url=http://127.0.0.1:18443",
      "dynamics.static-token=emulator-token",
      "dynamics.workstream-id=6a9f3c2e-1b4d-4e8f-9a7b-0c1d2e3f4a5b",
      "opencx.base-url=http://127.0.0.1:18444",
      "opencx.api-key=opencx-key",
      "dynamics.requests-per-second=15",
      "dynamics.max-concurrent-requests=12",
      "handoff.codec.keys=test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
    })
class WorkerApplicationTest {

  @Autowired ApplicationContext context;

  @Test
  void startsWithTheActivityBeansTheTemporalWorkerRegisters() {
    assertThat(context.getBean("sessionActivities")).isInstanceOf(SessionActivitiesImpl.class);
    assertThat(context.getBean("dynamicsActivities")).isInstanceOf(DynamicsActivitiesImpl.class);
    assertThat(context.getBean("mediaActivities")).isInstanceOf(MediaActivitiesImpl.class);
    assertThat(context.getBean("auditActivities")).isInstanceOf(AuditActivitiesImpl.class);
    assertThat(context.getBean(WorkerFactory.class).getWorker("dynamics-handoff")).isNotNull();
    assertThat(context.getBean("dataverse")).isNotNull();
    assertThat(context.getBean("temporal")).isNotNull();
  }

  @Test
  void theDataverseQueuesWorkerAsksTheServerToPaceTheQueueToTheDeploymentsBudget() {
    var dataverse =
        context
            .getBean(WorkerFactory.class)
            .getWorker("dynamics-handoff-dataverse")
            .getWorkerOptions();

    assertThat(dataverse.getMaxTaskQueueActivitiesPerSecond())
        .as("the deployment's budget, not divided by the number of workers")
        .isEqualTo(15.0);
    assertThat(dataverse.getMaxConcurrentActivityExecutionSize()).isEqualTo(12);
    assertThat(
            context
                .getBean(WorkerFactory.class)
                .getWorker("dynamics-handoff")
                .getWorkerOptions()
                .getMaxTaskQueueActivitiesPerSecond())
        .as("the main queue is not paced")
        .isZero();
  }

  @Test
  void theTemporalClientAndWorkersEncryptEveryPayload() {
    var converter =
        context.getBean(WorkerFactory.class).getWorkflowClient().getOptions().getDataConverter();

    var payload = converter.toPayload("+14155550100").orElseThrow();

    assertThat(payload.getMetadataMap().get("encoding").toStringUtf8())
        .isEqualTo("binary/encrypted");
    assertThat(payload.getData().toStringUtf8()).doesNotContain("+1415");
    assertThat(converter.fromPayload(payload, String.class, String.class))
        .isEqualTo("+14155550100");
  }
}
