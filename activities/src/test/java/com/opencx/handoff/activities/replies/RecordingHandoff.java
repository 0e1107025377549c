package com.opencx.handoff.activities.replies;

import com.opencx.handoff.workflows.HandoffWorkflow;
import com.opencx.handoff.workflows.model.ActionTaken;
import com.opencx.handoff.workflows.model.CancelRequest;
import com.opencx.handoff.workflows.model.CarriedOver;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffResult;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.InboundMessage;
import com.opencx.handoff.workflows.model.OperatorDecision;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.RelayHealth;
import com.opencx.handoff.workflows.model.RepActivity;
import com.opencx.handoff.workflows.model.RetryRequest;
import com.opencx.handoff.workflows.model.SkipRequest;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in handoff for relay tests: it records every {@code repActivity} and {@code relayHealth}
 * signal it receives (not on replay), as the relay delivered it, repeats included, and ends on
 * {@code close}.
 */
public class RecordingHandoff implements HandoffWorkflow {

  static final Map<String, List<RepActivity>> RECEIVED = new ConcurrentHashMap<>();
  static final Map<String, List<RelayHealth>> HEALTH = new ConcurrentHashMap<>();

  private boolean closed;

  static List<RepActivity> received(String workflowId) {
    return RECEIVED.computeIfAbsent(workflowId, id -> new CopyOnWriteArrayList<>());
  }

  @Override
  public HandoffResult run(HandoffRequest request, CarriedOver carriedOver) {
    Workflow.await(() -> closed);
    return new HandoffResult(null, Phase.Closed, null, "closed");
  }

  @Override
  public void repActivity(RepActivity activity) {
    if (!Workflow.isReplaying()) {
      received(Workflow.getInfo().getWorkflowId()).add(activity);
    }
  }

  static List<RelayHealth> health(String workflowId) {
    return HEALTH.computeIfAbsent(workflowId, id -> new CopyOnWriteArrayList<>());
  }

  @Override
  public void relayHealth(RelayHealth health) {
    if (!Workflow.isReplaying()) {
      health(Workflow.getInfo().getWorkflowId()).add(health);
    }
  }

  @Override
  public void inboundMessage(InboundMessage message) {}

  @Override
  public void close(CloseRequest request) {
    closed = true;
  }

  @Override
  public ActionTaken retry(RetryRequest request) {
    return null;
  }

  @Override
  public void validateRetry(RetryRequest request) {}

  @Override
  public ActionTaken skip(SkipRequest request) {
    return null;
  }

  @Override
  public void validateSkip(SkipRequest request) {}

  @Override
  public ActionTaken cancel(CancelRequest request) {
    return null;
  }

  @Override
  public void validateCancel(CancelRequest request) {}

  @Override
  @SuppressWarnings("deprecation")
  public void decide(OperatorDecision decision) {}

  @Override
  public HandoffStatus status() {
    return null;
  }
}
