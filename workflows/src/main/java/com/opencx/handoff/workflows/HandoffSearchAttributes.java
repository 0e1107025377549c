package com.opencx.handoff.workflows;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The search attributes ops filter on (SPEC §7). Search attributes are never encrypted, so none of
 * them may carry a phone number, email, name or summary: only ids, states and steps.
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

  /** All of them, for registering on a server ({@code --search-attribute Name=Type}). */
  public static final List<SearchAttributeKey<?>> ALL =
      List.of(
          STATUS,
          STEP,
          SESSION_ID,
          WORKSTREAM_ID,
          WORK_ITEM_ID,
          CONTACT_LINKED,
          TEMPLATE_WINDOW_OPEN);

  private HandoffSearchAttributes() {}
}
