package com.opencx.handoff.ops;

import com.opencx.handoff.codec.HandoffDataConverter;
import com.opencx.handoff.operations.CallDeadline;
import com.opencx.handoff.operations.HandoffOperations;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.concurrent.Callable;

/**
 * One command's Temporal client, with the service's encrypting data converter, and the deadline
 * every call runs under. It opens with a describe of the namespace, so that an unreachable server
 * or a misspelt namespace is reported as such (exit 4, exit 2) before any action, instead of
 * surfacing later as "no worker answered" or "no such handoff". The client's identity names the
 * operator, so Temporal's history shows who sent each Update.
 */
final class TemporalConnection implements AutoCloseable {

  private final CommonOptions.Settings settings;
  private final WorkflowServiceStubs service;
  private final WorkflowClient client;
  private final HandoffOperations operations;
  private final CallDeadline deadline;

  private TemporalConnection(CommonOptions.Settings settings) {
    this.settings = settings;
    this.deadline = new CallDeadline(settings.timeout(), "handoff-ops-deadlines");
    this.service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(settings.address()).build());
    this.client =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder()
                .setNamespace(settings.namespace())
                .setIdentity("handoff-ops:" + settings.operator())
                .setDataConverter(
                    settings.keys() == null
                        ? DefaultDataConverter.newDefaultInstance()
                        : HandoffDataConverter.create(settings.keys()))
                .build());
    this.operations = new HandoffOperations(client, settings.timeout());
  }

  /** Connects and checks that the server answers and knows the namespace. */
  static TemporalConnection open(CommonOptions.Settings settings) {
    TemporalConnection connection = new TemporalConnection(settings);
    try {
      connection.checkNamespace();
      return connection;
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private void checkNamespace() {
    try {
      within(
          () ->
              service
                  .blockingStub()
                  .describeNamespace(
                      DescribeNamespaceRequest.newBuilder()
                          .setNamespace(settings.namespace())
                          .build()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw CliFailure.usage(
            "namespace '"
                + settings.namespace()
                + "' does not exist on "
                + settings.address()
                + " (--namespace, TEMPORAL_NAMESPACE)");
      }
      if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
        throw CliFailure.noAnswer(
            "Temporal at "
                + settings.address()
                + " cannot be reached (UNAVAILABLE: "
                + e.getStatus().getDescription()
                + "); check --address or TEMPORAL_ADDRESS");
      }
      if (Failures.isNoAnswer(e)) {
        throw CliFailure.noAnswer(
            "Temporal at "
                + settings.address()
                + " did not answer within "
                + millis()
                + " ("
                + e.getStatus().getCode()
                + "); check --address or TEMPORAL_ADDRESS");
      }
      throw e;
    }
  }

  WorkflowClient client() {
    return client;
  }

  HandoffOperations operations() {
    return operations;
  }

  CommonOptions.Settings settings() {
    return settings;
  }

  /** "5000 ms", for messages. */
  String millis() {
    return settings.timeout().toMillis() + " ms";
  }

  /** Runs a client call under a gRPC deadline of {@code --timeout}. */
  <T> T within(Callable<T> call) {
    return deadline.call(call);
  }

  @Override
  public void close() {
    operations.close();
    deadline.close();
    service.shutdownNow();
  }
}
