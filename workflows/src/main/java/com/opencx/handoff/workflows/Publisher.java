package com.opencx.handoff.workflows;

import static com.opencx.handoff.workflows.HandoffSearchAttributes.CONTACT_LINKED;
import static com.opencx.handoff.workflows.HandoffSearchAttributes.ERROR_TYPE;
import static com.opencx.handoff.workflows.HandoffSearchAttributes.SESSION_ID;
import static com.opencx.handoff.workflows.HandoffSearchAttributes.STATUS;
import static com.opencx.handoff.workflows.HandoffSearchAttributes.STEP;
import static com.opencx.handoff.workflows.HandoffSearchAttributes.TEMPLATE_WINDOW_OPEN;
import static com.opencx.handoff.workflows.HandoffSearchAttributes.WORKSTREAM_ID;
import static com.opencx.handoff.workflows.HandoffSearchAttributes.WORK_ITEM_ID;

import com.opencx.handoff.workflows.model.Phase;
import com.opencx.handoff.workflows.model.Step;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link HandoffState}'s changes to the search attributes, each upsert one history event.
 * Since version 2 ("lean") a handoff upserts only when its phase changes (parked, back from a park,
 * handed off, window opened or closed, ended): the attributes set at start come with the start
 * request, and facts learnt between (contact, work item, workstream) wait for the next phase change
 * and go with it, so a handoff without a park costs two upserts. Older runs replay the
 * upsert-per-fact sequence they were recorded with.
 */
final class Publisher {

  private final boolean lean;
  private final Map<String, SearchAttributeUpdate<?>> waiting = new LinkedHashMap<>();

  Publisher(boolean lean) {
    this.lean = lean;
  }

  /**
   * The first attributes. A lean run started with them (the API's start options) writes nothing;
   * one started without them (an SDK client) or a continued run that lost them writes them once.
   */
  void initial(String sessionId, Phase phase, Step step, String workstreamId, Boolean windowOpen) {
    if (lean && Workflow.getTypedSearchAttributes().containsKey(STATUS)) {
      return;
    }
    List<SearchAttributeUpdate<?>> first = new ArrayList<>();
    first.add(SESSION_ID.valueSet(sessionId));
    first.add(STATUS.valueSet(phase.name()));
    first.add(STEP.valueSet(step.name()));
    if (workstreamId != null) {
      first.add(WORKSTREAM_ID.valueSet(workstreamId));
    }
    if (windowOpen != null) {
      first.add(TEMPLATE_WINDOW_OPEN.valueSet(windowOpen));
    }
    now(first.toArray(SearchAttributeUpdate<?>[]::new));
  }

  void stepEntered(Step step) {
    if (!lean) {
      now(STEP.valueSet(step.name()));
    }
  }

  void workstream(String workstreamId) {
    fact(WORKSTREAM_ID.valueSet(workstreamId));
  }

  void contact(boolean linked, String adoptedWorkstreamId) {
    if (adoptedWorkstreamId == null) {
      fact(CONTACT_LINKED.valueSet(linked));
    } else {
      fact(CONTACT_LINKED.valueSet(linked), WORKSTREAM_ID.valueSet(adoptedWorkstreamId));
    }
  }

  void workItem(String workItemId, String movedWorkstreamId) {
    if (movedWorkstreamId == null) {
      fact(WORK_ITEM_ID.valueSet(workItemId));
    } else {
      fact(WORK_ITEM_ID.valueSet(workItemId), WORKSTREAM_ID.valueSet(movedWorkstreamId));
    }
  }

  void parked(Step step, String errorType) {
    if (lean) {
      phaseChange(
          STATUS.valueSet(Phase.NeedsAttention.name()),
          STEP.valueSet(step.name()),
          ERROR_TYPE.valueSet(errorType));
    } else {
      now(STATUS.valueSet(Phase.NeedsAttention.name()));
    }
  }

  void errorTypeChanged(String errorType) {
    if (lean) {
      phaseChange(ERROR_TYPE.valueSet(errorType));
    }
  }

  void unparked(Phase phase, Step step) {
    if (lean) {
      phaseChange(
          STATUS.valueSet(phase.name()), STEP.valueSet(step.name()), ERROR_TYPE.valueUnset());
    } else {
      now(STATUS.valueSet(phase.name()));
    }
  }

  void handedOff(boolean windowOpen) {
    phaseChange(
        STATUS.valueSet(Phase.HandedOff.name()),
        STEP.valueSet(Step.TemplateWindow.name()),
        TEMPLATE_WINDOW_OPEN.valueSet(windowOpen));
  }

  void windowOpen(boolean open) {
    phaseChange(TEMPLATE_WINDOW_OPEN.valueSet(open));
  }

  void ended(Phase phase, boolean windowWasOpen) {
    if (lean && windowWasOpen) {
      phaseChange(
          STATUS.valueSet(phase.name()),
          STEP.valueSet(Step.Done.name()),
          TEMPLATE_WINDOW_OPEN.valueSet(false));
    } else {
      phaseChange(STATUS.valueSet(phase.name()), STEP.valueSet(Step.Done.name()));
    }
  }

  /** A fact between phase changes: written now by older runs, with the next change by lean ones. */
  private void fact(SearchAttributeUpdate<?>... updates) {
    if (lean) {
      for (SearchAttributeUpdate<?> update : updates) {
        waiting.put(update.getKey().getName(), update);
      }
    } else {
      now(updates);
    }
  }

  private void phaseChange(SearchAttributeUpdate<?>... updates) {
    for (SearchAttributeUpdate<?> update : updates) {
      waiting.put(update.getKey().getName(), update);
    }
    now(waiting.values().toArray(SearchAttributeUpdate<?>[]::new));
    waiting.clear();
  }

  private void now(SearchAttributeUpdate<?>... updates) {
    Workflow.upsertTypedSearchAttributes(updates);
  }
}
