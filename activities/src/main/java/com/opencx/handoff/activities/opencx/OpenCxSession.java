package com.opencx.handoff.activities.opencx;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The part of OpenCX's {@code GET /v1/sessions/{id}} answer (SPEC §3.2) that validation reads:
 * channel, status, the customer and the work item already recorded. Other fields are ignored so
 * that OpenCX may add some without breaking the worker. {@link Customer#toString()} hides the
 * customer's details so that logging a session never leaks them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OpenCxSession(String id, String channel, String status, Customer customer, Meta meta) {

  static final String STATUS_HANDED_OFF = "handed_off";
  static final String STATUS_CLOSED = "closed";

  /** The work item OpenCX records for this session, or null. */
  String dynamics365ChatId() {
    return meta == null ? null : meta.dynamics365ChatId();
  }

  /** The customer as OpenCX knows them. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Customer(String name, String email, String phone) {
    @Override
    public String toString() {
      return "Customer[redacted]";
    }
  }

  /** OpenCX's bookkeeping of the handoff. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Meta(@JsonProperty("dynamics365_chat_id") String dynamics365ChatId) {}
}
