package com.opencx.handoff.worker.temporal;

import com.opencx.handoff.activities.dynamics.DataverseThrottle;
import java.util.List;

/**
 * The deployment's holds, one per application user (Dataverse limits each user on its own): user
 * {@code n}'s 429 holds user {@code n} on every worker, and the Dataverse task queue stops only
 * while every user is held.
 */
public final class DataverseThrottles {

  private final List<SharedDataverseThrottle> users;

  public DataverseThrottles(List<SharedDataverseThrottle> users) {
    if (users.isEmpty()) {
      throw new IllegalArgumentException("at least one application user");
    }
    this.users = List.copyOf(users);
  }

  /** For the client: user {@code n}'s hold at index {@code n}. */
  public List<DataverseThrottle> perUser() {
    return List.copyOf(users);
  }

  /** Reads every user's hold from the deployment; true when all of them hold. */
  public boolean refresh() {
    boolean all = true;
    for (SharedDataverseThrottle user : users) {
      all &= user.refresh();
    }
    return all;
  }
}
