package com.opencx.handoff.workflows;

import com.opencx.handoff.workflows.model.HandoffRequest;
import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.List;

/**
 * The search attributes ops filter on (SPEC §7). Search attributes are never encrypted, so none of
 * them may carry a phone number, email, name or summary: only ids, states, steps and failure types.
 */
public final class HandoffSearchAttributes {

  public static final SearchAttributeKey<String> STATUS =
      SearchAttributeKey.forKeyword("HandoffStatus");
  public static final SearchAttributeKey<String> STEP =
      SearchAttributeKey.forKeyword("HandoffStep");
  public static final SearchAttributeKey<String> SESSION_ID =
      SearchAttributeKey.forKeyword("OpenCxSessionId");
  public static final SearchAttributeKey<String> WORKSTREAM_ID =
      SearchAttributeKey.forKeyword("DynamicsWorkstreamId");
  public static final SearchAttributeKey<String> WORK_ITEM_ID =
      SearchAttributeKey.forKeyword("DynamicsWorkItemId");
  public static final SearchAttributeKey<Boolean> CONTACT_LINKED =
      SearchAttributeKey.forBoolean("ContactLinked");
  public static final SearchAttributeKey<Boolean> TEMPLATE_WINDOW_OPEN =
      SearchAttributeKey.forBoolean("TemplateWindowOpen");

  /** The failure type of the parked step (e.g. {@code DataverseForbidden}), never a message. */
  public static final SearchAttributeKey<String> ERROR_TYPE =
      SearchAttributeKey.forKeyword("HandoffErrorType");

  /** All of them, for registering on a server ({@code --search-attribute Name=Type}). */
  public static final List<SearchAttributeKey<?>> ALL =
      List.of(
          STATUS,
          STEP,
          SESSION_ID,
          WORKSTREAM_ID,
          WORK_ITEM_ID,
          CONTACT_LINKED,
          TEMPLATE_WINDOW_OPEN,
          ERROR_TYPE);

  /**
   * What a handoff is searchable by from its first moment, set by whoever starts it (the start
   * options), so that the workflow need not spend a history event on it.
   */
  public static SearchAttributes atStart(HandoffRequest request) {
    SearchAttributes.Builder builder =
        SearchAttributes.newBuilder()
            .set(SESSION_ID, request.sessionId())
            .set(STATUS, Phase.InProgress.name())
            .set(STEP, Step.ValidateSession.name());
    if (request.workstreamId() != null) {
      builder.set(WORKSTREAM_ID, request.workstreamId());
    }
    return builder.build();
  }

  private HandoffSearchAttributes() {}
}
