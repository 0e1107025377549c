package com.opencx.handoff.activities.opencx;

import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.activities.SessionActivities;
import com.opencx.handoff.workflows.model.HandoffRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.Locale;
import java.util.Objects;

/**
 * Steps 1 and 5 of the handoff, and the "resume the AI" message, against OpenCX (SPEC §4.1).
 * Validation decides before anything is created in Dynamics whether this session may be handed off
 * at all, and rejects it for good ({@link FailureTypes#SESSION_REJECTED}, non-retryable) with a
 * reason an operator and the AI can read; reasons never contain the customer's phone, email or
 * name. Customer details are taken from the start request first and from OpenCX's session where the
 * request lacks them. OpenCX being unreachable is not a rejection: those failures keep the client's
 * retryable types.
 */
public final class SessionActivitiesImpl implements SessionActivities {

  static final String WHATSAPP = "whatsapp";

  private final OpenCxClient client;

  public SessionActivitiesImpl(OpenCxClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public ValidatedSession validateSession(ValidateSessionInput input) {
    HandoffRequest request = input == null ? null : input.request();
    if (request == null || isBlank(request.sessionId())) {
      throw rejected("the handoff request names no session");
    }
    String sessionId = request.sessionId();
    if (!isWhatsApp(request.channel())) {
      throw rejected("the handoff request's channel is not whatsapp");
    }
    OpenCxSession session =
        client
            .getSession(sessionId)
            .orElseThrow(() -> rejected("OpenCX does not know session " + sessionId));
    if (!isWhatsApp(session.channel())) {
      throw rejected(
          "session " + sessionId + " is on channel '" + cut(session.channel()) + "', not whatsapp");
    }
    if (OpenCxSession.STATUS_CLOSED.equals(session.status())) {
      throw rejected("session " + sessionId + " is closed at OpenCX");
    }
    if (OpenCxSession.STATUS_HANDED_OFF.equals(session.status())
        && !Objects.equals(session.dynamics365ChatId(), input.workItemId())) {
      String other = session.dynamics365ChatId();
      throw rejected(
          "session "
              + sessionId
              + " is already handed off to another work item"
              + (isBlank(other) ? "" : " (" + cut(other) + ")"));
    }

    HandoffRequest.Customer asked = request.customer();
    OpenCxSession.Customer known = session.customer();
    String rawPhone =
        firstPresent(asked == null ? null : asked.phone(), known == null ? null : known.phone());
    if (rawPhone == null) {
      throw rejected("no customer phone number in the request or the OpenCX session");
    }
    String phone =
        PhoneNumbers.toE164(rawPhone)
            .orElseThrow(
                () ->
                    rejected(
                        "the customer phone number is not a valid international number"
                            + " (E.164, starting with + and the country code)"));
    String email =
        firstPresent(asked == null ? null : asked.email(), known == null ? null : known.email());
    String name =
        firstPresent(asked == null ? null : asked.name(), known == null ? null : known.name());
    return new ValidatedSession(phone, email, name);
  }

  @Override
  public void markSessionHandedOff(MarkHandedOffInput input) {
    client.markHandedOff(
        input.sessionId(), input.workItemId(), input.workflowId(), input.handedOffAt());
  }

  @Override
  public void notifyHandoffFailed(HandoffFailedInput input) {
    try {
      client.handoffFailed(input.sessionId(), input.reason(), input.workflowId());
    } catch (ApplicationFailure failure) {
      // A session OpenCX does not know has no AI conversation to resume: nothing to tell.
      Integer status = failure.getDetails().get(Integer.class);
      if (status == null || status != 404) {
        throw failure;
      }
    }
  }

  private static ApplicationFailure rejected(String reason) {
    return ApplicationFailure.newNonRetryableFailure(reason, FailureTypes.SESSION_REJECTED);
  }

  private static boolean isWhatsApp(String channel) {
    return channel != null && WHATSAPP.equals(channel.strip().toLowerCase(Locale.ROOT));
  }

  /** The first value that is not blank, stripped; null when there is none. */
  private static String firstPresent(String preferred, String fallback) {
    if (!isBlank(preferred)) {
      return preferred.strip();
    }
    return isBlank(fallback) ? null : fallback.strip();
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /** OpenCX's own values quoted in a reason, kept short. */
  private static String cut(String value) {
    if (value == null) {
      return "";
    }
    return value.length() <= 64 ? value : value.substring(0, 64) + "…";
  }
}
