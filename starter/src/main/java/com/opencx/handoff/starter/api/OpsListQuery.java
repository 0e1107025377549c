package com.opencx.handoff.starter.api;

import com.opencx.handoff.operations.HandoffOperations;
import com.opencx.handoff.operations.HandoffPage;
import com.opencx.handoff.starter.api.RequestValidator.Violation;
import com.opencx.handoff.workflows.model.Phase;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parameters of {@code GET /v1/ops/handoffs}, checked the way the rest of the API checks input
 * (each bad one named with its rule, all at once), and the one visibility call they make. {@code
 * status} is a phase name or {@code all}; without it the list is the one ops come for, {@code
 * NeedsAttention}. {@code pageSize} is 1-1000, default 50; {@code cursor} is the previous page's
 * {@code nextCursor}, valid only with the same {@code status}. Temporal's refusals of the call are
 * told apart here: a cursor it cannot read is the caller's 400, a server without visibility or out
 * of reach is a 503.
 */
record OpsListQuery(Phase status, int pageSize, String cursor) {

  static final String ALL = "all";
  static final int DEFAULT_PAGE_SIZE = 50;

  static final String CURSOR_RULE =
      "is not a cursor this list returned; send the nextCursor of the previous page with the same"
          + " status, or none for the first page";

  static OpsListQuery of(String status, String pageSize, String cursor) {
    List<Violation> violations = new ArrayList<>();
    Phase phase = Phase.NeedsAttention;
    if (ALL.equals(status)) {
      phase = null;
    } else if (status != null) {
      phase =
          Arrays.stream(Phase.values())
              .filter(p -> p.name().equals(status))
              .findFirst()
              .orElse(null);
      if (phase == null) {
        violations.add(
            new Violation(
                "status", "must be one of " + Arrays.toString(Phase.values()) + " or " + ALL));
      }
    }
    int size = DEFAULT_PAGE_SIZE;
    if (pageSize != null) {
      size = parsePageSize(pageSize);
      if (size == 0) {
        violations.add(
            new Violation(
                "pageSize", "must be a whole number from 1 to " + HandoffOperations.MAX_PAGE_SIZE));
      }
    }
    if (cursor != null && cursor.isEmpty()) {
      violations.add(new Violation("cursor", CURSOR_RULE));
    }
    ApiErrors.throwIfInvalid(violations);
    return new OpsListQuery(phase, size, cursor);
  }

  /** The page size, or 0 when it is not a whole number in range. */
  private static int parsePageSize(String text) {
    if (!text.matches("[0-9]{1,4}")) {
      return 0;
    }
    int size = Integer.parseInt(text);
    return size >= 1 && size <= HandoffOperations.MAX_PAGE_SIZE ? size : 0;
  }

  /** What the answer echoes as {@code status}: the phase, or {@code all}. */
  String statusName() {
    return status == null ? ALL : status.name();
  }

  HandoffPage run(HandoffOperations operations) {
    try {
      return operations.list(status, pageSize, cursor);
    } catch (IllegalArgumentException unreadable) {
      throw badCursor(); // not base64: the only argument the operations check themselves
    } catch (StatusRuntimeException refused) {
      if (cursor != null && firstPageAnswers(operations)) {
        throw badCursor(); // base64, but no page token the server can read for this query
      }
      Status status = refused.getStatus();
      throw ApiErrors.unavailable(
          switch (status.getCode()) {
            case UNIMPLEMENTED ->
                "this Temporal server has no visibility list (the Java test server is one): the"
                    + " ops list needs a real server";
            case DEADLINE_EXCEEDED, UNAVAILABLE, CANCELLED ->
                "Temporal did not answer the list in time; try again later";
            default ->
                "Temporal refused the list: " + status.getCode() + " " + status.getDescription();
          });
    }
  }

  /**
   * Whether the same list without the cursor is answered. Servers refuse a page token they cannot
   * read in their own ways (the dev server's SQLite visibility says UNKNOWN, not INVALID_ARGUMENT),
   * so the cursor is blamed only when the first page works: one extra call, on the error path only.
   */
  private boolean firstPageAnswers(HandoffOperations operations) {
    try {
      operations.list(status, 1, null);
      return true;
    } catch (RuntimeException alsoRefused) {
      return false;
    }
  }

  private static ApiErrors.InvalidRequest badCursor() {
    return new ApiErrors.InvalidRequest(List.of(new Violation("cursor", CURSOR_RULE)));
  }
}
