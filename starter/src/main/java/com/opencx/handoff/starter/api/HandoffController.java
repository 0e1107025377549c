package com.opencx.handoff.starter.api;

import com.opencx.handoff.starter.api.RequestValidator.Violation;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.InboundMessage;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenCX's side of the API (SPEC §3.1): start a handoff, read its status, report inbound messages
 * and the end of the conversation. Logs carry the session id only, never customer details.
 */
@RestController
@RequestMapping("/v1/handoffs")
public class HandoffController {

  private static final Logger log = LoggerFactory.getLogger(HandoffController.class);

  private final HandoffService handoffs;
  private final HandoffStatusReader reader;
  private final RequestValidator validator;

  public HandoffController(
      HandoffService handoffs, HandoffStatusReader reader, RequestValidator validator) {
    this.handoffs = handoffs;
    this.reader = reader;
    this.validator = validator;
  }

  @PostMapping
  public ResponseEntity<Map<String, Object>> start(@RequestBody HandoffRequest request) {
    ApiErrors.throwIfInvalid(validator.validate(request));
    HandoffService.Started started = handoffs.start(validator.normalise(request));
    log.info(
        "handoff {} for session {} ({})",
        started.created() ? "started" : "already exists",
        request.sessionId(),
        started.workflowId());
    return ResponseEntity.status(started.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .body(
            Map.of(
                "workflowId", started.workflowId(),
                "runId", started.runId(),
                "status", started.created() ? "started" : "existing"));
  }

  @GetMapping("/{sessionId}")
  public Object status(@PathVariable("sessionId") String sessionId) {
    validSessionId(sessionId);
    return reader.read(sessionId).document();
  }

  @PostMapping("/{sessionId}/messages")
  public ResponseEntity<Map<String, Object>> message(
      @PathVariable("sessionId") String sessionId, @RequestBody InboundMessage message) {
    validSessionId(sessionId);
    ApiErrors.throwIfInvalid(validator.validate(message));
    handoffs.inboundMessage(sessionId, message);
    return ResponseEntity.accepted().body(Map.of("accepted", true));
  }

  @PostMapping("/{sessionId}/close")
  public ResponseEntity<Map<String, Object>> close(
      @PathVariable("sessionId") String sessionId,
      @RequestBody(required = false) CloseRequest request) {
    validSessionId(sessionId);
    // Without a reason the workflow's outcome reads "closed by OpenCX", said once.
    handoffs.close(sessionId, request == null ? new CloseRequest(null) : request);
    return ResponseEntity.accepted().body(Map.of("accepted", true));
  }

  static void validSessionId(String sessionId) {
    List<Violation> violations = new java.util.ArrayList<>();
    RequestValidator.checkSessionId(sessionId, violations);
    ApiErrors.throwIfInvalid(violations);
  }
}
