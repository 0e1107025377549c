package com.opencx.handoff.starter.api;

import com.opencx.handoff.operations.HandoffNotRunning;
import com.opencx.handoff.operations.HandoffOperations;
import com.opencx.handoff.operations.HandoffPage;
import com.opencx.handoff.workflows.model.ActionTaken;
import com.opencx.handoff.workflows.model.CancelRequest;
import com.opencx.handoff.workflows.model.RetryRequest;
import com.opencx.handoff.workflows.model.SkipRequest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
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
public class OpsController {

  private static final Logger log = LoggerFactory.getLogger(OpsController.class);

  private final HandoffOperations operations;
  private final HandoffStatusReader reader;

  public OpsController(HandoffOperations operations, HandoffStatusReader reader) {
    this.operations = operations;
    this.reader = reader;
  }

  /** Body of retry and cancel; every field optional. */
  public record Decision(String workstreamId, String reason, Boolean closeWorkItem) {}

  /**
   * One page of handoffs from their search attributes ({@link OpsListQuery} says what the
   * parameters mean): {@code {status, handoffs, nextCursor}}, nextCursor null on the last page.
   */
  @GetMapping
  public Map<String, Object> list(
      @RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "pageSize", required = false) String pageSize,
      @RequestParam(name = "cursor", required = false) String cursor) {
    OpsListQuery query = OpsListQuery.of(status, pageSize, cursor);
    HandoffPage page = query.run(operations);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", query.statusName());
    body.put("handoffs", page.handoffs());
    body.put("nextCursor", page.nextCursor());
    return body;
  }

  @PostMapping("/{sessionId}/retry")
  public ActionTaken retry(
      @PathVariable("sessionId") String sessionId,
      @RequestBody(required = false) Decision body,
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
  public ActionTaken skip(@PathVariable("sessionId") String sessionId, Principal principal) {
    HandoffController.validSessionId(sessionId);
    SkipRequest request = new SkipRequest(operator(principal));
    return act(sessionId, "skip", () -> operations.skip(sessionId, request));
  }

  @PostMapping("/{sessionId}/cancel")
  public ActionTaken cancel(
      @PathVariable("sessionId") String sessionId,
      @RequestBody(required = false) Decision body,
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
