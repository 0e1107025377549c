package com.opencx.handoff.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * What the reply relay says about reading a handoff's conversation: failing since {@code since}
 * with {@code errorType} (a Direct Line outage that outlasted the relay's patience), or, with
 * {@code errorType} null, reading again. The handoff shows a lasting failure as NeedsAttention at
 * step {@code RelayReplies} instead of leaving the rep's messages silently unread.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RelayHealth(String errorType, Instant since) {

  public static RelayHealth healthy() {
    return new RelayHealth(null, null);
  }

  public boolean failing() {
    return errorType != null;
  }
}
