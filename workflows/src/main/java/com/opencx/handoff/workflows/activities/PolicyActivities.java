package com.opencx.handoff.workflows.activities;

import com.opencx.handoff.workflows.model.HandoffPolicy;
import io.temporal.activity.ActivityInterface;

/**
 * The worker's handoff settings, read by each run as a local activity at its start: the workflow
 * cannot read configuration itself (a replay on a reconfigured worker would take other branches),
 * so the values are recorded in the history once and the run keeps them.
 */
@ActivityInterface
public interface PolicyActivities {

  HandoffPolicy handoffPolicy();
}
