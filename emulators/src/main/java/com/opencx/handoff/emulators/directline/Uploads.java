package com.opencx.handoff.emulators.directline;

import com.opencx.handoff.emulators.http.Json;
import com.opencx.handoff.emulators.http.Request;
import com.opencx.handoff.emulators.http.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;

/**
 * File transfer both ways: {@code POST …/upload?userId=} with one raw file (its {@code
 * Content-Type} and a {@code Content-Disposition} naming the file; 4 MB = 4 × 1024 × 1024 bytes at
 * most, answered 413 beyond) becomes a message activity from that user carrying the attachment, and
 * {@code GET /attachments/{conversationId}/{attachmentId}} serves the bytes of an uploaded or
 * rep-sent file to a caller holding the channel's secret or the conversation's token. The multipart
 * form ({@code multipart/form-data}: file parts, and at most one part of type {@code
 * application/vnd.microsoft.activity} used as the activity's template, directline.md §6) becomes
 * one message activity carrying every file and keeping the template's fields, {@code channelData}
 * included; the 4 MB cap applies to the files together (an assumption: the docs give no number).
 */
final class Uploads {

  static final int MAX_UPLOAD_BYTES = 4 * 1024 * 1024;
  private static final String ACTIVITY_PART = "application/vnd.microsoft.activity";
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
    if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return multipart(conversation, userId, contentType, request.body());
    }
    if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      return Response.error(400, "BadArgument", "Only multipart/form-data uploads are accepted");
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

  private Response multipart(
      Conversation conversation, String userId, String contentType, byte[] body) {
    MediaType type = MediaType.parse(contentType);
    String boundary = type == null ? null : type.parameter("boundary");
    if (boundary == null || boundary.isBlank()) {
      return Response.error(400, "BadArgument", "The multipart Content-Type has no boundary");
    }
    Map<String, Object> template = null;
    List<Conversation.Attachment> files = new ArrayList<>();
    long total = 0;
    try (MultipartReader reader = new MultipartReader(new Buffer().write(body), boundary)) {
      for (MultipartReader.Part part = reader.nextPart(); part != null; part = reader.nextPart()) {
        byte[] bytes = part.body().readByteArray();
        String partType = part.headers().get("Content-Type");
        if (partType != null && partType.toLowerCase(Locale.ROOT).startsWith(ACTIVITY_PART)) {
          if (template != null) {
            return Response.error(400, "BadArgument", "More than one activity part");
          }
          template = Json.readObject(bytes);
          continue;
        }
        Matcher filename =
            FILENAME.matcher(String.valueOf(part.headers().get("Content-Disposition")));
        if (partType == null || !filename.find() || bytes.length == 0) {
          return Response.error(
              400, "BadArgument", "Each file part needs a Content-Type, a filename and a body");
        }
        total += bytes.length;
        files.add(new Conversation.Attachment(partType, filename.group(1), bytes));
      }
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      return Response.error(400, "BadArgument", "Unreadable multipart body: " + e.getMessage());
    }
    if (files.isEmpty()) {
      return Response.error(400, "MissingProperty", "The upload carries no file");
    }
    if (total > MAX_UPLOAD_BYTES) {
      return Response.error(
          413, "MessageSizeTooBig", "Uploads are limited to " + MAX_UPLOAD_BYTES + " bytes");
    }
    Map<String, Object> activity =
        new LinkedHashMap<>(template == null ? Map.of("type", "message") : template);
    if (!"message".equals(activity.get("type"))) {
      return Response.error(400, "BadArgument", "The activity part must be a message activity");
    }
    Object from = activity.get("from");
    if (from instanceof Map<?, ?> given && !userId.equals(given.get("id"))) {
      return Response.error(400, "BadArgument", "The activity's from.id must be the userId");
    }
    activity.put("from", from instanceof Map<?, ?> ? from : Map.of("id", userId));
    activity.put("attachments", files.stream().map(f -> attached(conversation, f)).toList());
    Map<String, Object> stored = conversation.append(activity);
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
    Map<String, Object> activity = new LinkedHashMap<>();
    activity.put("type", "message");
    activity.put("from", from);
    if (text != null) {
      activity.put("text", text);
    }
    activity.put("attachments", List.of(attachmentOf(httpBase, conversation, attachment)));
    return activity;
  }

  private Map<String, Object> attached(Conversation conversation, Conversation.Attachment file) {
    return attachmentOf(httpBase.get(), conversation, file);
  }

  private static Map<String, Object> attachmentOf(
      String httpBase, Conversation conversation, Conversation.Attachment attachment) {
    String attachmentId = conversation.attach(attachment);
    return Map.of(
        "contentType", attachment.contentType(),
        "contentUrl", httpBase + "/attachments/" + conversation.id + "/" + attachmentId,
        "name", attachment.name());
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
