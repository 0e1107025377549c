package com.opencx.handoff.starter.api;

import com.opencx.handoff.operations.HandoffNotRunning;
import com.opencx.handoff.operations.HandoffOperations;
import com.opencx.handoff.operations.HandoffPage;
import com.opencx.handoff.operations.HandoffRow;
import com.opencx.handoff.starter.docs.ApiDocsConfiguration;
import com.opencx.handoff.workflows.model.ActionTaken;
import com.opencx.handoff.workflows.model.CancelRequest;
import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.RetryRequest;
import com.opencx.handoff.workflows.model.SkipRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ops' side of the API (SPEC §3.1, §5.4): list handoffs a page at a time, and retry, skip or cancel
 * one. The actions are the workflow's Updates, sent as they come: only the workflow knows at that
 * moment whether a step is parked and whether it may be skipped, so reading the status first and
 * deciding here would race with the step's own retry. Its validator's refusal comes back as a 409
 * with the reason; the API itself refuses only what is malformed (400).
 */
@RestController
@RequestMapping("/v1/ops/handoffs")
@Tag(
    name = ApiDocsConfiguration.OPS,
    description = "Operators' calls (SPEC §5.4): ops tokens only.")
public class OpsController {

  private static final Logger log = LoggerFactory.getLogger(OpsController.class);

  private static final String REFUSALS =
      "The workflow refused it, changing nothing: not_parked, not_skippable, action_pending,"
          + " handoff_ending, workstream_not_changeable; or handoff_ended (with phase).";

  private static final String NO_ANSWER =
      "worker_did_not_answer: no worker took the Update up in time (it may still apply: read the"
          + " status before sending it again); temporal_unavailable: the server did not answer.";

  private final HandoffOperations operations;
  private final HandoffStatusReader reader;

  public OpsController(HandoffOperations operations, HandoffStatusReader reader) {
    this.operations = operations;
    this.reader = reader;
  }

  /** Body of retry; optional. */
  public record RetryBody(
      @Schema(
              description =
                  "Retry on this workstream instead (a GUID); refused once the work item exists.",
              format = "uuid",
              pattern = HandoffRequest.GUID_PATTERN)
          String workstreamId) {}

  /** Body of cancel; every field optional. */
  public record CancelBody(
      @Schema(description = "Why; the workflow words the outcome without one.") String reason,
      @Schema(description = "Also close the work item in Dynamics.", defaultValue = "false")
          Boolean closeWorkItem) {}

  /** One page of the list; nextCursor is null on the last page. */
  @Schema(name = "HandoffPage")
  public record Page(
      @Schema(description = "The phase listed, or all.") String status,
      List<HandoffRow> handoffs,
      @Schema(
              description = "Pass as cursor, with the same status, for the next page.",
              nullable = true)
          String nextCursor) {}

  /**
   * One page of handoffs from their search attributes ({@link OpsListQuery} says what the
   * parameters mean).
   */
  @GetMapping
  @Operation(
      summary = "List handoffs",
      description =
          "One page, newest first, from the search attributes alone (no worker needed). Needs a"
              + " server with visibility: the Java test server answers 503.")
  @ApiResponse(responseCode = "200", description = "One page.")
  @ApiResponse(
      responseCode = "400",
      description =
          "invalid_request: a bad status or pageSize, or a cursor the server cannot read.")
  @ApiResponse(
      responseCode = "503",
      description = "temporal_unavailable: no visibility, or no answer in time.")
  public Page list(
      @Parameter(
              description = "A phase, or all for every one.",
              schema =
                  @Schema(
                      allowableValues = {
                        "InProgress",
                        "HandedOff",
                        "NeedsAttention",
                        "Rejected",
                        "Cancelled",
                        "Failed",
                        "Closed",
                        "all"
                      },
                      defaultValue = "NeedsAttention"))
          @RequestParam(name = "status", required = false)
          String status,
      @Parameter(
              description = "Handoffs per page.",
              schema =
                  @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "50"))
          @RequestParam(name = "pageSize", required = false)
          String pageSize,
      @Parameter(description = "The previous page's nextCursor; none for the first page.")
          @RequestParam(name = "cursor", required = false)
          String cursor) {
    OpsListQuery query = OpsListQuery.of(status, pageSize, cursor);
    HandoffPage page = query.run(operations);
    return new Page(query.statusName(), page.handoffs(), page.nextCursor());
  }

  @PostMapping("/{sessionId}/retry")
  @Operation(
      summary = "Retry the parked step now",
      description = "The workflow's retry Update, optionally on another workstream.")
  @ApiResponse(responseCode = "200", description = "Accepted by the workflow: what it does.")
  @ApiResponse(responseCode = "400", description = "invalid_request: each broken rule.")
  @ApiResponse(responseCode = "404", description = "not_found: no handoff for the session.")
  @ApiResponse(responseCode = "409", description = REFUSALS)
  @ApiResponse(responseCode = "503", description = NO_ANSWER)
  public ActionTaken retry(
      @PathVariable("sessionId") String sessionId,
      @RequestBody(required = false) RetryBody body,
      Principal principal) {
    HandoffController.validSessionId(sessionId);
    String workstreamId = body == null ? null : body.workstreamId();
    if (workstreamId != null) {
      RequestValidator.checkWorkstreamId(workstreamId, "workstreamId");
    }
    RetryRequest request = new RetryRequest(workstreamId, operator(principal));
    return act(sessionId, "retry", () -> operations.retry(sessionId, request));
  }

  @PostMapping("/{sessionId}/skip")
  @Operation(
      summary = "Skip the parked step",
      description =
          "The workflow's skip Update: give up a step the handoff can do without (audit,"
              + " template-window update, an ending's notice).")
  @ApiResponse(responseCode = "200", description = "Accepted by the workflow: what it does.")
  @ApiResponse(responseCode = "400", description = "invalid_request: the sessionId is malformed.")
  @ApiResponse(responseCode = "404", description = "not_found: no handoff for the session.")
  @ApiResponse(responseCode = "409", description = REFUSALS)
  @ApiResponse(responseCode = "503", description = NO_ANSWER)
  public ActionTaken skip(@PathVariable("sessionId") String sessionId, Principal principal) {
    HandoffController.validSessionId(sessionId);
    SkipRequest request = new SkipRequest(operator(principal));
    return act(sessionId, "skip", () -> operations.skip(sessionId, request));
  }

  @PostMapping("/{sessionId}/cancel")
  @Operation(
      summary = "Cancel the handoff",
      description = "The workflow's cancel Update; OpenCX is told and the audit records it.")
  @ApiResponse(responseCode = "200", description = "Accepted by the workflow: what it does.")
  @ApiResponse(responseCode = "400", description = "invalid_request: the sessionId is malformed.")
  @ApiResponse(responseCode = "404", description = "not_found: no handoff for the session.")
  @ApiResponse(responseCode = "409", description = REFUSALS)
  @ApiResponse(responseCode = "503", description = NO_ANSWER)
  public ActionTaken cancel(
      @PathVariable("sessionId") String sessionId,
      @RequestBody(required = false) CancelBody body,
      Principal principal) {
    HandoffController.validSessionId(sessionId);
    String reason = body == null ? null : body.reason(); // the workflow words the outcome
    boolean close = body != null && Boolean.TRUE.equals(body.closeWorkItem());
    CancelRequest request = new CancelRequest(reason, close, operator(principal));
    return act(sessionId, "cancel", () -> operations.cancel(sessionId, request));
  }

  /**
   * Sends the Update. Temporal answers "not found" both for a handoff that ended and for a session
   * never seen; the describe tells them apart (409 handoff_ended with the phase, or 404). A refusal
   * or an unanswered Update goes on to {@link ApiErrors} as it is.
   */
  private ActionTaken act(String sessionId, String action, Supplier<ActionTaken> update) {
    ActionTaken taken;
    try {
      taken = update.get();
    } catch (HandoffNotRunning notRunning) {
      throw ApiErrors.ended(sessionId, reader.recorded(sessionId).phase());
    }
    log.info("operator {} of session {} at step {} accepted", action, sessionId, taken.step());
    return taken;
  }

  private static String operator(Principal principal) {
    return principal == null ? "ops-api" : principal.getName();
  }
}
