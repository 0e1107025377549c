package com.opencx.handoff.emulators.opencx;

import com.opencx.handoff.emulators.http.ControlFields;
import com.opencx.handoff.emulators.http.ControlRoutes;
import com.opencx.handoff.emulators.http.Request;
import com.opencx.handoff.emulators.http.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The OpenCX emulator's seed routes on the control API, so a rehearsal can create the session it
 * hands off (a fresh one, one already handed off to another work item, a closed one) without Java:
 *
 * <ul>
 *   <li>{@code POST /emulator/sessions} {@code {sessionId, copyOf?, channel?, status?,
 *       customerName?, email?, phone?, summary?, lastInboundAt?, dynamics365ChatId?}}: adds or
 *       replaces the session; fields left out come from the session named by {@code copyOf} (in the
 *       dev stack the demo session), else channel {@code whatsapp}, status {@code ai}, the last
 *       inbound message five minutes ago. Answers 201 with the session as {@code GET
 *       /v1/sessions/{id}} shows it.
 *   <li>{@code GET /emulator/sessions/{id}}: the session, including {@code
 *       meta.dynamics365_chat_id} once handed off.
 * </ul>
 */
final class SeedRoutes implements ControlRoutes {

  static final String SESSIONS = "/emulator/sessions";
  private static final Set<String> STATUSES = Set.of("ai", "handed_off", "closed");
  private static final Set<String> FIELDS =
      Set.of(
          "sessionId",
          "copyOf",
          "channel",
          "status",
          "customerName",
          "email",
          "phone",
          "summary",
          "lastInboundAt",
          "dynamics365ChatId");

  private final OpenCxApi api;

  SeedRoutes(OpenCxApi api) {
    this.api = api;
  }

  @Override
  public boolean claims(String path) {
    return path.equals(SESSIONS) || path.startsWith(SESSIONS + "/");
  }

  @Override
  public Response handle(Request request) {
    if (request.path().equals(SESSIONS) && request.method().equals("POST")) {
      Session session = session(ControlFields.of(request, FIELDS));
      api.addSession(session);
      return Response.json(201, Views.session(session));
    }
    String id = request.path().substring(Math.min(request.path().length(), SESSIONS.length() + 1));
    if (!id.isEmpty() && !id.contains("/") && request.method().equals("GET")) {
      return Response.json(
          200,
          Views.session(
              api.session(id).orElseThrow(() -> new NoSuchElementException("no session " + id))));
    }
    return Response.error(
        405, "method_not_allowed", "use POST " + SESSIONS + " or GET " + SESSIONS + "/{id}");
  }

  private Session session(ControlFields f) {
    String id = f.requiredString("sessionId");
    Session like = null;
    if (f.has("copyOf")) {
      String source = f.requiredString("copyOf");
      like =
          api.session(source)
              .orElseThrow(
                  () ->
                      new ControlFields.BadField("copyOf", "no session '" + source + "' to copy"));
    }
    String status = f.string("status", like == null ? "ai" : like.status());
    if (!STATUSES.contains(status)) {
      throw new ControlFields.BadField("status", "status must be one of " + STATUSES);
    }
    Instant lastInbound = api.now().minus(Duration.ofMinutes(5));
    if (f.has("lastInboundAt")) {
      try {
        lastInbound = Instant.parse(f.string("lastInboundAt", null));
      } catch (DateTimeParseException e) {
        throw new ControlFields.BadField(
            "lastInboundAt",
            "lastInboundAt must be an ISO-8601 instant, e.g. 2026-12-02T10:00:00Z");
      }
    }
    return new Session(
        id,
        f.string("channel", like == null ? "whatsapp" : like.channel()),
        status,
        f.string("customerName", like == null ? null : like.customerName()),
        f.string("email", like == null ? null : like.email()),
        f.string("phone", like == null ? null : like.phone()),
        f.string("summary", like == null ? null : like.summary()),
        lastInbound,
        f.string("dynamics365ChatId", null));
  }
}
