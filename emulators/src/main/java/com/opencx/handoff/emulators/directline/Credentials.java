package com.opencx.handoff.emulators.directline;

import com.opencx.handoff.emulators.http.Authenticator;
import com.opencx.handoff.emulators.http.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who is calling: a channel's secret (any conversation of that channel), a conversation's token
 * (that conversation only) or the emulator's control key (the {@code /emulator/} routes only); the
 * agent inbox page ({@code GET /inbox}) needs none. Direct Line answers a missing credential with
 * 401 and one it does not know with 403, and the conversation routes need to know which channel's
 * secret was used, so the front door's single token comparison is replaced by this.
 */
final class Credentials implements Authenticator {

  static final String CONTROL_PREFIX = "/emulator/";

  /** A recognised caller: exactly one of channel (secret) or conversation (token) is set. */
  record Caller(Channel channel, Conversation conversation) {

    /** True when this caller may act on {@code target}. */
    boolean mayUse(Conversation target) {
      return conversation != null ? conversation == target : channel == target.channel;
    }

    Channel effectiveChannel() {
      return conversation != null ? conversation.channel : channel;
    }
  }

  private final List<Channel> channels;
  private final String controlKey;
  private final Function<String, Optional<Conversation>> byToken;

  Credentials(
      List<Channel> channels, String controlKey, Function<String, Optional<Conversation>> byToken) {
    this.channels = List.copyOf(channels);
    this.controlKey = controlKey;
    this.byToken = byToken;
  }

  @Override
  public Response reject(String method, String path, Map<String, String> headers) {
    if (path.equals(InboxPage.PATH)) {
      return null; // the page holds no secret; its calls to the control routes need the key
    }
    String credential = bearer(headers);
    if (path.startsWith(CONTROL_PREFIX)) {
      return Authenticator.bearerMatches(headers, controlKey)
          ? null
          : Response.error(401, "Unauthorized", "Send 'Authorization: Bearer <control key>'.")
              .withHeader("WWW-Authenticate", "Bearer");
    }
    if (credential == null || credential.isEmpty()) {
      return Response.error(401, "BadArgument", "Missing token or secret")
          .withHeader("WWW-Authenticate", "Bearer");
    }
    return caller(headers).isPresent()
        ? null
        : Response.error(403, "BadArgument", "Invalid token or secret");
  }

  /** The caller behind an admitted request's Authorization header. */
  Optional<Caller> caller(Map<String, String> headers) {
    String credential = bearer(headers);
    if (credential == null) {
      return Optional.empty();
    }
    for (Channel channel : channels) {
      if (channel.secret().equals(credential)) {
        return Optional.of(new Caller(channel, null));
      }
    }
    return byToken.apply(credential).map(c -> new Caller(null, c));
  }

  private static String bearer(Map<String, String> headers) {
    String value = headers.get("authorization");
    if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return value.substring(7).trim();
  }
}
