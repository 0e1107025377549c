package com.opencx.handoff.benchmarks;

import com.opencx.handoff.activities.policy.PolicyActivitiesImpl;
import com.opencx.handoff.codec.HandoffDataConverter;
import com.opencx.handoff.codec.PayloadKeys;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.HandoffSearchAttributes;
import com.opencx.handoff.workflows.HandoffWorkflow;
import com.opencx.handoff.workflows.HandoffWorkflowImpl;
import com.opencx.handoff.workflows.activities.AuditActivities;
import com.opencx.handoff.workflows.activities.DynamicsActivities;
import com.opencx.handoff.workflows.activities.MediaActivities;
import com.opencx.handoff.workflows.activities.SessionActivities;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.ContactRule;
import com.opencx.handoff.workflows.model.HandoffPolicy;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.MediaOutcome;
import com.opencx.handoff.workflows.model.Phase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the payload codec costs in CPU per handoff: the same handoffs (workflow, in-process test
 * server, instant fake activities, so that conversion and encryption are a large share of the work)
 * run with Temporal's plain JSON data converter and with the service's encrypting one, side by side
 * in one JVM, measured as process CPU time per handoff: two warm-up rounds of each, then five
 * alternating rounds, and the median of each. Usage: {@code ./mvnw -q -DskipTests install && ./mvnw
 * -q -pl benchmarks exec:java -Dbenchmark=CodecCostBenchmark -Dexec.args="200"}.
 */
public final class CodecCostBenchmark {

  private CodecCostBenchmark() {}

  public static void main(String[] args) throws Exception {
    int handoffs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    DataConverter plain = DefaultDataConverter.newDefaultInstance();
    DataConverter encrypted =
        HandoffDataConverter.create(PayloadKeys.parse(PayloadKeys.generateSetting("bench"), null));
    for (int i = 0; i < 2; i++) { // the JIT warms up for several rounds: discard them
      run("warm-up plain", plain, handoffs);
      run("warm-up encrypted", encrypted, handoffs);
    }
    double[] without = new double[ROUNDS];
    double[] with = new double[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) { // alternate, so that drift hits both alike
      without[i] = run("plain JSON", plain, handoffs);
      with[i] = run("AES-256-GCM codec", encrypted, handoffs);
    }
    double withoutCodec = median(without);
    double withCodec = median(with);
    System.out.printf(
        Locale.ROOT,
        "median CPU per handoff: plain %.2f ms, encrypted %.2f ms%n",
        withoutCodec,
        withCodec);
    System.out.printf(
        Locale.ROOT,
        "codec CPU ratio (encrypted / plain): %.3f; codec cost per handoff: %.2f ms%n",
        withCodec / withoutCodec,
        withCodec - withoutCodec);
  }

  private static final int ROUNDS = 5;

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Runs the handoffs to their end; returns process CPU milliseconds per handoff. */
  private static double run(String label, DataConverter converter, int handoffs) throws Exception {
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
                .build());
    try {
      for (var key : HandoffSearchAttributes.ALL) {
        env.registerSearchAttribute(key.getName(), key.getValueType());
      }
      Worker worker = env.newWorker(HandoffWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(HandoffWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new InstantSessions(),
          new InstantDynamics(),
          new InstantMedia(),
          new InstantAudit(),
          new PolicyActivitiesImpl(HandoffPolicy.DEFAULTS));
      env.newWorker(HandoffWorkflow.dataverseTaskQueue(HandoffWorkflow.TASK_QUEUE))
          .registerActivitiesImplementations(new InstantDynamics(), new InstantMedia());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      long cpuBefore = processCpuNanos();
      long wallBefore = System.nanoTime();
      for (int i = 0; i < handoffs; i++) {
        String sessionId = "codec-bench-" + i;
        HandoffWorkflow handoff =
            client.newWorkflowStub(
                HandoffWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(HandoffIds.workflowId(sessionId))
                    .setTaskQueue(HandoffWorkflow.TASK_QUEUE)
                    .build());
        WorkflowClient.start(handoff::run, request(sessionId, env), null);
        while (handoff.status().phase() != Phase.HandedOff) { // API status calls
          Thread.sleep(1);
        }
        handoff.close(new CloseRequest("benchmark done"));
        WorkflowStub.fromTyped(handoff).getResult(HandoffResult.class);
      }
      double cpuMs = (processCpuNanos() - cpuBefore) / 1e6 / handoffs;
      double wallMs = (System.nanoTime() - wallBefore) / 1e6 / handoffs;
      System.out.printf(
          Locale.ROOT,
          "%-20s %5d handoffs  CPU %.2f ms/handoff  wall %.2f ms/handoff%n",
          label,
          handoffs,
          cpuMs,
          wallMs);
      return cpuMs;
    } finally {
      env.close();
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static HandoffRequest request(String sessionId, TestWorkflowEnvironment env) {
    return new HandoffRequest(
        sessionId,
        "whatsapp",
        new HandoffRequest.Customer("+14155550100", "Benchmark Customer", "bench@example.com"),
        "The customer asks for a refund of order 1234 and wants to talk to a person. ".repeat(8),
        Instant.ofEpochMilli(env.currentTimeMillis()),
        List.of(),
        "5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f");
  }

  static final class InstantSessions implements SessionActivities {
    @Override
    public ValidatedSession validateSession(ValidateSessionInput input) {
      var customer = input.request().customer();
      return new ValidatedSession(customer.phone(), customer.email(), customer.name());
    }

    @Override
    public void markSessionHandedOff(MarkHandedOffInput input) {}

    @Override
    public void notifyHandoffFailed(HandoffFailedInput input) {}
  }

  static final class InstantDynamics implements DynamicsActivities {
    @Override
    public ContactMatch resolveContact(ContactQuery query) {
      return new ContactMatch("0c6ad6f3-0000-4000-8000-000000000001", ContactRule.Email);
    }

    @Override
    public WorkItemCreated createWorkItem(WorkItemDraft draft) {
      return new WorkItemCreated(draft.workItemId(), false, draft.workstreamId());
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

  static final class InstantMedia implements MediaActivities {
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

  static final class InstantAudit implements AuditActivities {
    @Override
    public void writeAuditEvent(AuditEvent event) {}
  }
}
