package com.opencx.handoff.starter.api;

import com.opencx.handoff.workflows.HandoffSearchAttributes;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.OperatorDecision;
import com.opencx.handoff.workflows.model.Phase;
import io.temporal.client.WorkflowExecutionMetadata;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ops' side of the API (SPEC §3.1, §5.4): list handoffs by status, and retry, skip or cancel a
 * parked one. Decisions are signals the workflow applies to whichever step is parked; a skip of a
 * required step is refused here (409) before it reaches the workflow.
 */
@RestController
@RequestMapping("/v1/ops/handoffs")
public class OpsController {

  private static final Logger log = LoggerFactory.getLogger(OpsController.class);

  private final HandoffService handoffs;
  private final HandoffStatusReader reader;

  public OpsController(HandoffService handoffs, HandoffStatusReader reader) {
    this.handoffs = handoffs;
    this.reader = reader;
  }

  /** Body of retry and cancel; every field optional. */
  public record Decision(String workstreamId, String reason, Boolean closeWorkItem) {}

  @GetMapping
  public Map<String, Object> list(
      @RequestParam(name = "status", defaultValue = "NeedsAttention") String status) {
    if (Arrays.stream(Phase.values()).noneMatch(p -> p.name().equals(status))) {
      ApiErrors.throwIfInvalid(
          List.of(
              new RequestValidator.Violation(
                  "status", "must be one of " + Arrays.toString(Phase.values()))));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    // One unanswered query means no worker is answering: the rest would each wait just as long.
    boolean workerAnswers = true;
    for (WorkflowExecutionMetadata execution : handoffs.list(status)) {
      var attributes = execution.getTypedSearchAttributes();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("sessionId", attributes.get(HandoffSearchAttributes.SESSION_ID));
      row.put("workflowId", execution.getExecution().getWorkflowId());
      row.put("status", attributes.get(HandoffSearchAttributes.STATUS));
      row.put("step", attributes.get(HandoffSearchAttributes.STEP));
      row.put("startedAt", String.valueOf(execution.getStartTime()));
      if (workerAnswers && Phase.NeedsAttention.name().equals(status)) {
        HandoffStatusReader.Reading reading = reader.read(String.valueOf(row.get("sessionId")));
        workerAnswers = reading.fromQuery();
        if (reading.document() instanceof HandoffStatus parked) {
          row.put("lastError", parked.lastError());
        }
      }
      rows.add(row);
    }
    return Map.of("status", status, "handoffs", rows);
  }

  @PostMapping("/{sessionId}/retry")
  public ResponseEntity<Map<String, Object>> retry(
      @PathVariable("sessionId") String sessionId,
      @RequestBody(required = false) Decision body,
      Principal principal) {
    String workstreamId = body == null ? null : body.workstreamId();
    if (workstreamId != null) {
      RequestValidator.checkWorkstreamId(workstreamId, "workstreamId");
    }
    HandoffStatusReader.Reading status = current(sessionId);
    if (status.phase() != Phase.NeedsAttention) {
      return ResponseEntity.status(HttpStatus.CONFLICT)
          .body(
              Map.of(
                  "error",
                  "not_parked",
                  "message",
                  "only a handoff in NeedsAttention can be retried; this one is "
                      + status.phase()));
    }
    return decide(sessionId, OperatorDecision.retry(workstreamId, operator(principal)));
  }

  @PostMapping("/{sessionId}/skip")
  public ResponseEntity<Map<String, Object>> skip(
      @PathVariable("sessionId") String sessionId, Principal principal) {
    HandoffStatusReader.Reading status = current(sessionId);
    if (status.phase() != Phase.NeedsAttention
        || status.step() == null
        || !status.step().isOptional()) {
      return ResponseEntity.status(HttpStatus.CONFLICT)
          .body(
              Map.of(
                  "error",
                  "not_skippable",
                  "message",
                  "only a parked media or audit step can be skipped; this handoff is "
                      + status.phase()
                      + " at step "
                      + status.step()));
    }
    return decide(sessionId, OperatorDecision.skip(operator(principal)));
  }

  @PostMapping("/{sessionId}/cancel")
  public ResponseEntity<Map<String, Object>> cancel(
      @PathVariable("sessionId") String sessionId,
      @RequestBody(required = false) Decision body,
      Principal principal) {
    String reason = body == null ? null : body.reason(); // the workflow words the outcome
    boolean close = body != null && Boolean.TRUE.equals(body.closeWorkItem());
    return decide(sessionId, OperatorDecision.cancel(reason, close, operator(principal)));
  }

  private ResponseEntity<Map<String, Object>> decide(String sessionId, OperatorDecision decision) {
    HandoffController.validSessionId(sessionId);
    handoffs.decide(sessionId, decision);
    log.info("operator {} for session {}", decision.action(), sessionId);
    return ResponseEntity.accepted().body(Map.of("accepted", true, "action", decision.action()));
  }

  /** The status retry and skip check; an ended handoff is refused as such (409) here. */
  private HandoffStatusReader.Reading current(String sessionId) {
    HandoffController.validSessionId(sessionId);
    HandoffStatusReader.Reading status = reader.read(sessionId);
    if (status.phase() != null && status.phase().isFinal()) {
      throw ApiErrors.ended(sessionId, status.phase());
    }
    return status;
  }

  private static String operator(Principal principal) {
    return principal == null ? "ops-api" : principal.getName();
  }
}
