package com.opencx.handoff.activities.directline;

import com.opencx.handoff.workflows.activities.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.util.Locale;
import java.util.Map;

/**
 * The configured custom channels, found by the workstream each one feeds: a handoff's requested
 * workstream selects its channel's Direct Line secret, and a workstream no channel feeds is refused
 * (non-retryable, naming the key to set) so the handoff parks instead of retrying a wrong secret.
 */
public final class Channels {

  private final Map<String, String> secretsByWorkstream;

  /**
   * @param secretsByWorkstream each channel's secret keyed by its workstream GUID (lower case)
   */
  public Channels(Map<String, String> secretsByWorkstream) {
    this.secretsByWorkstream = Map.copyOf(secretsByWorkstream);
  }

  /** The secret of the channel feeding {@code workstreamId}; null picks the only channel. */
  public String secretFor(String workstreamId) {
    String secret =
        workstreamId == null
            ? (secretsByWorkstream.size() == 1
                ? secretsByWorkstream.values().iterator().next()
                : null)
            : secretsByWorkstream.get(workstreamId.toLowerCase(Locale.ROOT));
    if (secret == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no custom channel is configured for workstream "
              + workstreamId
              + " (directline.channels[].workstream-id)",
          FailureTypes.DIRECT_LINE_REJECTED);
    }
    return secret;
  }
}
