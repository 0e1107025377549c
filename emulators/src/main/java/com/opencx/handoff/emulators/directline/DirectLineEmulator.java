package com.opencx.handoff.emulators.directline;

import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.emulators.http.EmulatorControls;
import com.opencx.handoff.emulators.http.EmulatorHttpServer;
import com.opencx.handoff.emulators.http.ErrorCodes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A strict Direct Line 3.0 service on 127.0.0.1 with an Omnichannel custom channel behind it, so
 * the {@code direct-line} route (SPEC §10) can be proven end to end without a tenant: REST on one
 * port (through the shared front door: counts, limits and faults), the WebSocket stream on another
 * ({@link StreamServer}), routing into a {@link DataverseEmulator} ({@link OmnichannelSimulation})
 * and a scriptable rep whose activities come from the channel's bot handle with {@code from.role =
 * "bot"} and {@code from.name} = the rep's display name (both assumed; Omnichannel's outbound shape
 * is undocumented). Assumptions are listed in {@code docs/directline-emulator.md}.
 */
public final class DirectLineEmulator extends EmulatorControls {

  private static final ErrorCodes CODES =
      new ErrorCodes("BadArgument", "TokenExpired", "TooManyRequests", "TooManyRequests", "");

  private final DirectLineApi api;
  private final StreamServer stream;
  private final OmnichannelSimulation omnichannel;
  private final InboxListing inbox;
  private volatile int pageSize = 100;
  private volatile String repName = "Omnichannel Agent";

  private DirectLineEmulator(
      int port,
      int streamPort,
      String controlKey,
      DataverseEmulator dataverse,
      List<Channel> channels,
      Holder holder) {
    super(
        new EmulatorHttpServer(
            "directline-emulator",
            port,
            holder.credentials(),
            CODES,
            Map.of(),
            request ->
                InboxPage.PATH.equals(request.path())
                    ? InboxPage.serve(request)
                    : holder.api.handle(request, holder.control)));
    this.omnichannel = new OmnichannelSimulation(dataverse);
    this.inbox = new InboxListing(dataverse);
    this.api =
        new DirectLineApi(
            channels,
            controlKey,
            server::baseUrl,
            () -> holder.stream.baseUrl(),
            () -> pageSize,
            omnichannel::onClientActivity);
    this.stream = new StreamServer(streamPort, id -> api.conversation(id).orElse(null), KEEP_ALIVE);
    holder.api = api;
    holder.stream = stream;
    holder.control = new ControlApi(this);
  }

  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  /** Lets the already listening server reach the parts built after it. */
  private static final class Holder {
    volatile DirectLineApi api;
    volatile StreamServer stream;
    volatile ControlApi control;

    com.opencx.handoff.emulators.http.Authenticator credentials() {
      return (method, path, headers) -> api.credentials().reject(method, path, headers);
    }
  }

  /**
   * Starts the emulator on 127.0.0.1.
   *
   * @param port REST port, 0 for a free one
   * @param streamPort WebSocket port, 0 for a free one
   * @param controlKey bearer credential of the {@code /emulator/} control routes (the rep's
   *     console, and faults and limits as on the other emulators)
   * @param dataverse where routing writes work items, context items and contact links
   * @param channels the custom channels (each with its own secret); at least one
   */
  public static DirectLineEmulator start(
      int port,
      int streamPort,
      String controlKey,
      DataverseEmulator dataverse,
      Channel... channels) {
    if (channels.length == 0 || controlKey == null || controlKey.isBlank()) {
      throw new IllegalArgumentException("need a control key and at least one channel");
    }
    DirectLineEmulator emulator =
        new DirectLineEmulator(
            port, streamPort, controlKey, dataverse, List.of(channels), new Holder());
    emulator.enableControlApi(controlKey); // faults and limits beside the rep's console
    return emulator;
  }

  /** {@code http://127.0.0.1:<port>}; the API lives under {@code /v3/directline/}. */
  public String baseUrl() {
    return server.baseUrl();
  }

  /** {@code ws://127.0.0.1:<streamPort>}, the base of every {@code streamUrl}. */
  public String streamBaseUrl() {
    return stream.baseUrl();
  }

  /** Delay between the first routable activity and the work item (default 500 ms). */
  public void setRoutingDelay(Duration delay) {
    omnichannel.setDelay(delay);
  }

  /** {@code false}: conversations are never routed (no work item appears). */
  public void setRouting(boolean on) {
    omnichannel.setRouting(on);
  }

  /** Most activities one {@code GET …/activities} returns (default 100). */
  public void setPageSize(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("page size must be at least 1");
    }
    pageSize = max;
  }

  /** {@code from.name} of the rep's activities. */
  public void setRepName(String name) {
    repName = name;
  }

  /** Requests whose log line starts with {@code "<METHOD> <path prefix>"}. */
  public long requestCount(String method, String pathPrefix) {
    return requestLog().stream().filter(l -> l.startsWith(method + " " + pathPrefix)).count();
  }

  public boolean hasConversation(String conversationId) {
    return api.conversation(conversationId).isPresent();
  }

  /** Every conversation activity in order: the client's and the rep's (what the rep reads). */
  public List<Map<String, Object>> activities(String conversationId) {
    return conversation(conversationId).all();
  }

  /**
   * Every conversation as the rep's inbox lists it, newest activity first: {@code conversationId,
   * workItemId, open, contextVariables, contact, lastActivityAt, activityCount} (see {@link
   * InboxListing}).
   */
  public List<Map<String, Object>> inbox() {
    return inbox.of(api.conversationIds().stream().map(this::conversation).toList());
  }

  /** {@code http://127.0.0.1:<port>/inbox}: the agent inbox page (it asks for the control key). */
  public String inboxUrl() {
    return baseUrl() + InboxPage.PATH;
  }

  /** The conversation routing turned into this work item, if any: what its rep reads. */
  public Optional<String> conversationOf(String workItemId) {
    return api.conversationIds().stream()
        .filter(id -> workItemId.equals(conversation(id).workItemId().orElse(null)))
        .findFirst();
  }

  /** The routed work item's {@code activityid}, once routing has happened. */
  public Optional<String> workItemId(String conversationId) {
    return conversation(conversationId).workItemId();
  }

  /** The rep replies with text; returns the activity id. */
  public String repReply(String conversationId, String text) {
    Map<String, Object> activity = new LinkedHashMap<>();
    activity.put("type", "message");
    activity.put("from", rep(conversation(conversationId)));
    activity.put("text", text);
    return (String) conversation(conversationId).append(activity).get("id");
  }

  /**
   * The rep sends a file (served at the activity's {@code contentUrl}); returns the activity id.
   */
  public String repSendAttachment(
      String conversationId, String name, String contentType, byte[] bytes, String text) {
    Conversation c = conversation(conversationId);
    Map<String, Object> activity =
        Uploads.attachmentActivity(
            baseUrl(), c, rep(c), new Conversation.Attachment(contentType, name, bytes), text);
    return (String) c.append(activity).get("id");
  }

  /** The rep ends the conversation: {@code endOfConversation}, and the work item closes. */
  public String repEnd(String conversationId) {
    Conversation c = conversation(conversationId);
    String id = (String) c.append(Map.of("type", "endOfConversation", "from", rep(c))).get("id");
    c.endByRep();
    omnichannel.close(c);
    return id;
  }

  /** Closes the conversation's WebSocket from the server side with {@code reason}. */
  public void dropStream(String conversationId, String reason) {
    stream.drop(conversationId, reason);
  }

  public boolean isStreaming(String conversationId) {
    return stream.isStreaming(conversationId);
  }

  @Override
  public void close() {
    stream.close();
    omnichannel.close();
    super.close();
  }

  /** A file in the conversation (uploaded or rep-sent), for the rep's console. */
  Optional<Conversation.Attachment> attachment(String conversationId, String attachmentId) {
    return conversation(conversationId).attachment(attachmentId);
  }

  private Map<String, Object> rep(Conversation c) {
    return Map.of("id", c.channel.botHandle(), "name", repName, "role", "bot");
  }

  private Conversation conversation(String id) {
    return api.conversation(id)
        .orElseThrow(() -> new NoSuchElementException("no conversation " + id));
  }
}
