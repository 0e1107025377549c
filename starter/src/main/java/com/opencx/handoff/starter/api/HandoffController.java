package com.opencx.handoff.starter.api;

import com.opencx.handoff.starter.api.RequestValidator.Violation;
import com.opencx.handoff.starter.docs.ApiDocsConfiguration;
import com.opencx.handoff.starter.web.SessionLogContext;
import com.opencx.handoff.workflows.model.CloseRequest;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.InboundMessage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
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
@Tag(
    name = ApiDocsConfiguration.HANDOFFS,
    description = "OpenCX's calls (SPEC §3.1); an ops token may call them too.")
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

  /** What a start answers. */
  public record StartAnswer(
      @Schema(example = "whatsapp-handoff-sess-2026-11-24-0001") String workflowId,
      String runId,
      @Schema(
              description = "started: this call created the run; existing: an earlier one did.",
              allowableValues = {"started", "existing"})
          String status) {}

  /** What a signal answers: OpenCX's report was handed to the workflow. */
  public record Accepted(@Schema(example = "true") boolean accepted) {}

  @PostMapping
  @Operation(
      summary = "Start a handoff",
      description =
          "Idempotent per sessionId: the session's first call starts the workflow (202); every"
              + " later one, also a racing one and one after the handoff ended, answers that run"
              + " (200) and never starts a second.")
  @ApiResponse(responseCode = "202", description = "This call started the handoff.")
  @ApiResponse(responseCode = "200", description = "The session's handoff already exists.")
  @ApiResponse(
      responseCode = "400",
      description = "invalid_request: every broken rule at once, in violations.")
  public ResponseEntity<StartAnswer> start(@RequestBody HandoffRequest request) {
    ApiErrors.throwIfInvalid(validator.validate(request));
    try (MDC.MDCCloseable session = SessionLogContext.of(request.sessionId())) {
      HandoffService.Started started = handoffs.start(validator.normalise(request));
      log.info(
          "handoff {} for session {} ({})",
          started.created() ? "started" : "already exists",
          request.sessionId(),
          started.workflowId());
      return ResponseEntity.status(started.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
          .body(
              new StartAnswer(
                  started.workflowId(),
                  started.runId(),
                  started.created() ? "started" : "existing"));
    }
  }

  @GetMapping("/{sessionId}")
  @Operation(
      summary = "Read a handoff's status",
      description =
          "From the workflow's query; when no worker answers within handoff.api.query-timeout,"
              + " what the search attributes record (source: search-attributes, with a note).")
  @ApiResponse(
      responseCode = "200",
      description = "The status, or the recorded state when the worker did not answer.",
      content = @Content(schema = @Schema(oneOf = {HandoffStatus.class, RecordedState.class})))
  @ApiResponse(responseCode = "400", description = "invalid_request: the sessionId is malformed.")
  @ApiResponse(responseCode = "404", description = "not_found: no handoff for the session.")
  @ApiResponse(
      responseCode = "503",
      description = "temporal_unavailable: Temporal's server did not answer either.")
  public Object status(@PathVariable("sessionId") String sessionId) {
    validSessionId(sessionId);
    return reader.read(sessionId).document();
  }

  @PostMapping("/{sessionId}/messages")
  @Operation(
      summary = "Report an inbound customer message",
      description =
          "Moves the template window forward and attaches the message's media; on the Direct"
              + " Line route its text and media reach the rep in arrival order. A repeated"
              + " messageId is ignored.")
  @ApiResponse(responseCode = "202", description = "Handed to the workflow.")
  @ApiResponse(responseCode = "400", description = "invalid_request: each broken rule.")
  @ApiResponse(responseCode = "404", description = "not_found: no handoff for the session.")
  @ApiResponse(
      responseCode = "409",
      description = "handoff_ended: the handoff has ended; phase says how.")
  @ApiResponse(
      responseCode = "503",
      description = "temporal_unavailable: Temporal did not answer in time.")
  public ResponseEntity<Accepted> message(
      @PathVariable("sessionId") String sessionId, @RequestBody InboundMessage message) {
    validSessionId(sessionId);
    ApiErrors.throwIfInvalid(validator.validate(message));
    handoffs.inboundMessage(sessionId, message);
    return ResponseEntity.accepted().body(new Accepted(true));
  }

  @PostMapping("/{sessionId}/close")
  @Operation(
      summary = "Report the end of the conversation",
      description = "Stops the template window and finishes the handoff; the body is optional.")
  @ApiResponse(responseCode = "202", description = "Handed to the workflow.")
  @ApiResponse(responseCode = "400", description = "invalid_request: the sessionId is malformed.")
  @ApiResponse(responseCode = "404", description = "not_found: no handoff for the session.")
  @ApiResponse(
      responseCode = "409",
      description = "handoff_ended: the handoff has ended; phase says how.")
  @ApiResponse(
      responseCode = "503",
      description = "temporal_unavailable: Temporal did not answer in time.")
  public ResponseEntity<Accepted> close(
      @PathVariable("sessionId") String sessionId,
      @RequestBody(required = false) CloseRequest request) {
    validSessionId(sessionId);
    // Without a reason the workflow's outcome reads "closed by OpenCX", said once.
    handoffs.close(sessionId, request == null ? new CloseRequest(null) : request);
    return ResponseEntity.accepted().body(new Accepted(true));
  }

  static void validSessionId(String sessionId) {
    List<Violation> violations = new java.util.ArrayList<>();
    RequestValidator.checkSessionId(sessionId, violations);
    ApiErrors.throwIfInvalid(violations);
  }
}
