package com.opencx.handoff.activities.dynamics;

import java.time.Duration;

/**
 * Where a 429 goes so that every worker of the deployment slows, not only the call that got it
 * (Dataverse's limits are per application user, whichever process sends). The worker's
 * implementation shares it through Temporal; {@link #NONE} keeps a 429 to the activity's own retry.
 */
public interface DataverseThrottle {

  /** Dataverse answered 429 and asked for {@code retryAfter} (null: it did not say how long). */
  void throttled(Duration retryAfter);

  /** How long this process must still hold its Dataverse requests; zero when it may send. */
  Duration holdFor();

  /** No sharing: each 429 delays only the attempt that got it, through its retry. */
  DataverseThrottle NONE =
      new DataverseThrottle() {
        @Override
        public void throttled(Duration retryAfter) {}

        @Override
        public Duration holdFor() {
          return Duration.ZERO;
        }
      };
}
