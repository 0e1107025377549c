package com.opencx.handoff.activities.directline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A customer's file put into the handoff's Direct Line conversation, where the rep sees it in the
 * chat, exactly once: the upload's activity part carries our id ({@code
 * <sessionId>:media:<mediaId>} in {@code channelData}) and the WhatsApp caption as its text, and
 * {@link DirectLinePoster#uploadOnce} reads the conversation back before sending again. Files over
 * {@link #MAX_BYTES} are the caller's to route elsewhere (the work item's notes).
 */
public final class DirectLineUploads {

  /** Direct Line's upload cap (directline.md §6; an assumption, see {@link DirectLineClient}). */
  public static final int MAX_BYTES = DirectLineClient.MAX_UPLOAD_BYTES;

  private final DirectLinePoster poster;
  private final Channels channels;

  /**
   * @param secretsByWorkstream each custom channel's Direct Line secret, keyed by the workstream
   *     GUID it feeds (lower case)
   */
  public DirectLineUploads(DirectLineClient client, Map<String, String> secretsByWorkstream) {
    this.poster = new DirectLinePoster(client);
    this.channels = new Channels(secretsByWorkstream);
  }

  /** The file in the conversation once; returns the id of the activity that carries it. */
  public String uploadOnce(
      String workstreamId,
      String conversationId,
      String sessionId,
      String mediaId,
      String caption,
      DirectLineClient.Upload file) {
    String ourId = ourId(sessionId, mediaId);
    ObjectNode activity = ActivityBuilder.attachment(sessionId, ourId, caption);
    return poster.uploadOnce(
        channels.secretFor(workstreamId), conversationId, ourId, activity, file);
  }

  /** Our id for a media item's activity: stable per session and item, so every try finds it. */
  static String ourId(String sessionId, String mediaId) {
    return sessionId + ":media:" + mediaId;
  }
}
