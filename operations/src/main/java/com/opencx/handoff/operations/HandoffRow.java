package com.opencx.handoff.operations;

import java.time.Instant;

/**
 * One handoff as the ops list shows it, read from its search attributes alone (no query to a
 * worker, so a list of a thousand costs one visibility call and answers with every worker down).
 * Holds no customer data: neither do the search attributes.
 */
public record HandoffRow(
    String sessionId,
    String workflowId,
    String status,
    String step,
    String errorType,
    String workstreamId,
    String workItemId,
    Boolean contactLinked,
    Boolean templateWindowOpen,
    Instant startedAt,
    Instant closedAt) {}
