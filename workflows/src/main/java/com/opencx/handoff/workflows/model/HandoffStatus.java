package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The status document served by {@code GET /v1/handoffs/{sessionId}} and the workflow's {@code
 * status} query. It holds no phone number, email or name, so it can be shown to any caller that may
 * see the session. {@code lastErrorType} is the failure type of a parked step (also the {@code
 * HandoffErrorType} search attribute); {@code skippable} says whether an operator may skip it.
 * {@code conversationId} is the Direct Line conversation on that route (null on the record route).
 * {@code contactLinkedBy} says who links the contact to the conversation: {@code "handoff"} (the
 * record route's write binds the contact step 2 found) or {@code "omnichannel"} (the Direct Line
 * route: Omnichannel's record identification from the {@code customercontext} sent, which {@code
 * contactLinked} and {@code contactRule} only predict from step 2's lookup).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(
    description =
        "A handoff's status from the workflow's query; no phone, email or name (see the README's"
            + " HTTP API section for each field).")
public record HandoffStatus(
    String sessionId,
    String workflowId,
    Phase phase,
    Step step,
    String workstreamId,
    String workItemId,
    String conversationId,
    boolean contactLinked,
    ContactRule contactRule,
    TemplateWindow window,
    String lastError,
    String lastErrorType,
    int attempts,
    boolean skippable,
    String outcomeReason,
    List<MediaOutcome> media,
    String contactLinkedBy) {

  public static final String LINKED_BY_HANDOFF = "handoff";
  public static final String LINKED_BY_OMNICHANNEL = "omnichannel";
}
