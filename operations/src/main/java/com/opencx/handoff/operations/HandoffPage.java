package com.opencx.handoff.operations;

import java.util.List;

/**
 * One page of the ops list and the cursor of the next, or null on the last page. The cursor is
 * Temporal's visibility page token, opaque and URL-safe; it is only valid for the same query.
 */
public record HandoffPage(List<HandoffRow> handoffs, String nextCursor) {}
