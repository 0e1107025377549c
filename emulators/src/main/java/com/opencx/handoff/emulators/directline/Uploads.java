package com.opencx.handoff.emulators.directline;

import com.opencx.handoff.emulators.http.Request;
import com.opencx.handoff.emulators.http.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File transfer both ways: {@code POST …/upload?userId=} with one raw file (its {@code
 * Content-Type} and a {@code Content-Disposition} naming the file; 4 MB = 4 × 1024 × 1024 bytes at
 * most, answered 413 beyond) becomes a message activity from that user carrying the attachment, and
 * {@code GET /attachments/{conversationId}/{attachmentId}} serves the bytes of an uploaded or
 * rep-sent file to a caller holding the channel's secret or the conversation's token. The multipart
 * form of upload (several files and an activity part) is not emulated: it is refused with 400 so
 * that a client relying on it notices.
 */
final class Uploads {

  static final int MAX_UPLOAD_BYTES = 4 * 1024 * 1024;
  private static final Pattern FILENAME =
      Pattern.compile("filename\\*?=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

  private final BiConsumer<Conversation, Map<String, Object>> onClientActivity;
  private final Supplier<String> httpBase;

  Uploads(
      BiConsumer<Conversation, Map<String, Object>> onClientActivity, Supplier<String> httpBase) {
    this.onClientActivity = onClientActivity;
    this.httpBase = httpBase;
  }

  Response upload(Request request, Conversation conversation) {
    String userId = request.queryParameters().get("userId");
    if (userId == null || userId.isBlank()) {
      return Response.error(400, "MissingProperty", "The 'userId' query parameter is required");
    }
    String contentType = request.header("Content-Type");
    if (contentType == null || contentType.isBlank()) {
      return Response.error(400, "MissingProperty", "Content-Type is required");
    }
    if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      return Response.error(
          400, "BadArgument", "Multipart uploads are not emulated; send one raw file");
    }
    String disposition = request.header("Content-Disposition");
    Matcher filename = FILENAME.matcher(disposition == null ? "" : disposition);
    if (!filename.find()) {
      return Response.error(
          400, "MissingProperty", "Content-Disposition with a filename is required");
    }
    if (request.body().length == 0) {
      return Response.error(400, "BadArgument", "The file is empty");
    }
    if (request.body().length > MAX_UPLOAD_BYTES) {
      return Response.error(
          413, "MessageSizeTooBig", "Uploads are limited to " + MAX_UPLOAD_BYTES + " bytes");
    }
    Map<String, Object> stored =
        conversation.append(
            attachmentActivity(
                httpBase.get(),
                conversation,
                Map.of("id", userId),
                new Conversation.Attachment(contentType, filename.group(1), request.body()),
                null));
    onClientActivity.accept(conversation, stored);
    return Response.json(200, Map.of("id", stored.get("id")));
  }

  /** A message activity carrying one attachment whose bytes this emulator serves. */
  static Map<String, Object> attachmentActivity(
      String httpBase,
      Conversation conversation,
      Map<String, Object> from,
      Conversation.Attachment attachment,
      String text) {
    String attachmentId = conversation.attach(attachment);
    Map<String, Object> activity = new java.util.LinkedHashMap<>();
    activity.put("type", "message");
    activity.put("from", from);
    if (text != null) {
      activity.put("text", text);
    }
    activity.put(
        "attachments",
        List.of(
            Map.of(
                "contentType", attachment.contentType(),
                "contentUrl", httpBase + "/attachments/" + conversation.id + "/" + attachmentId,
                "name", attachment.name())));
    return activity;
  }

  Response download(
      Request request,
      Credentials.Caller caller,
      Function<String, Optional<Conversation>> conversations) {
    String[] parts = request.path().split("/", -1); // "", attachments, conversationId, id
    if (parts.length != 4 || !"GET".equals(request.method())) {
      return Response.error(404, "BadArgument", "No route for " + request.path());
    }
    Optional<Conversation.Attachment> attachment =
        conversations
            .apply(parts[2])
            .filter(caller::mayUse)
            .flatMap(conversation -> conversation.attachment(parts[3]));
    return attachment
        .map(a -> Response.bytes(200, a.contentType(), a.bytes()))
        .orElseGet(() -> Response.error(404, "BadArgument", "Unknown attachment"));
  }
}
