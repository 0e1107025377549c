package com.opencx.handoff.activities.dynamics;

import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemCreated;
import com.opencx.handoff.workflows.activities.DynamicsActivities.WorkItemDraft;

/**
 * How the live work item reaches Omnichannel. Today the conversation record is written directly
 * ({@link BatchWorkItemCreator}), as OpenCX describes; Microsoft documents Direct Line custom
 * channels and record routing as the supported routes for outside systems, so the route stays
 * behind this interface and another one can be swapped in without touching the activities.
 */
interface WorkItemCreator {

  /**
   * Creates the work item with the draft's id and its context items unless it already exists.
   *
   * @param draft the draft, its {@code workstreamId} already resolved to a GUID
   */
  WorkItemCreated create(WorkItemDraft draft);
}
