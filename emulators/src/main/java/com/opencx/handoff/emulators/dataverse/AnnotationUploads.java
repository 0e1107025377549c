package com.opencx.handoff.emulators.dataverse;

import com.opencx.handoff.emulators.dataverse.RecordWriter.Mode;
import com.opencx.handoff.emulators.dataverse.Schema.Entity;
import com.opencx.handoff.emulators.http.Json;
import com.opencx.handoff.emulators.http.Request;
import com.opencx.handoff.emulators.http.Response;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The three actions of a chunked note upload ({@code InitializeAnnotationBlocksUpload}, {@code
 * UploadBlock}, {@code CommitAnnotationBlocksUpload}), which the product needs for media too large
 * for one request. Blocks wait under their continuation token until the commit assembles them, in
 * {@code BlockList} order, into the note's {@code documentbody}; the size limit is checked then.
 */
final class AnnotationUploads {

  /** Largest {@code BlockData} as sent, Base64-encoded: 4 MB (the reference's limit). */
  static final int MAX_BLOCK_BYTES = 4 * 1024 * 1024;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Entity annotations = Schema.entity("annotations").orElseThrow();
  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
  private final RecordWriter writer;
  private final String apiBase;

  /** One upload in progress. */
  private static final class Upload {
    final String annotationId;
    final Map<String, byte[]> blocks = new HashMap<>();
    int blockIdLength = -1;

    Upload(String annotationId) {
      this.annotationId = annotationId;
    }
  }

  AnnotationUploads(RecordWriter writer, String apiBase) {
    this.writer = writer;
    this.apiBase = apiBase;
  }

  Response initialize(Request request) {
    Map<String, Object> body = body(request, Set.of("Target"));
    String id = target(body);
    byte[] token = new byte[24];
    RANDOM.nextBytes(token);
    String continuation = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    uploads.put(continuation, new Upload(id));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put(
        "@odata.context",
        apiBase + "$metadata#Microsoft.Dynamics.CRM.InitializeAnnotationBlocksUploadResponse");
    answer.put("FileContinuationToken", continuation);
    return Response.json(200, answer);
  }

  Response uploadBlock(Request request) {
    Map<String, Object> body =
        body(request, Set.of("BlockId", "BlockData", "FileContinuationToken"));
    Upload upload = upload(body);
    String blockId = string(body, "BlockId");
    byte[] rawId = base64(blockId, "BlockId");
    if (rawId.length == 0 || rawId.length > 64) {
      throw DataverseException.badRequest(
          "BlockId must decode to 1..64 bytes, was " + rawId.length);
    }
    String encoded = string(body, "BlockData");
    byte[] data = base64(encoded, "BlockData");
    if (encoded.length() > MAX_BLOCK_BYTES) {
      throw DataverseException.badRequest(
          "BlockData is "
              + encoded.length()
              + " Base64 characters; a block may hold at most "
              + MAX_BLOCK_BYTES);
    }
    synchronized (upload) {
      if (upload.blockIdLength >= 0 && upload.blockIdLength != blockId.length()) {
        throw DataverseException.badRequest(
            "BlockId '"
                + blockId
                + "' has length "
                + blockId.length()
                + " but earlier blocks of this upload used length "
                + upload.blockIdLength
                + "; all BlockIds must be of equal length");
      }
      upload.blockIdLength = blockId.length();
      upload.blocks.put(blockId, data);
    }
    return Response.empty(204);
  }

  Response commit(Request request) {
    Map<String, Object> body =
        body(request, Set.of("Target", "BlockList", "FileContinuationToken"));
    Upload upload = upload(body);
    String id = target(body);
    if (!id.equals(upload.annotationId)) {
      throw DataverseException.badRequest(
          "Target.annotationid " + id + " differs from the initialised " + upload.annotationId);
    }
    if (!(body.get("BlockList") instanceof List) || ((List<?>) body.get("BlockList")).isEmpty()) {
      throw DataverseException.badRequest("BlockList must be a non-empty array of BlockIds");
    }
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    synchronized (upload) {
      for (Object blockId : (List<?>) body.get("BlockList")) {
        byte[] block = upload.blocks.get(blockId);
        if (block == null) {
          throw DataverseException.badRequest(
              "BlockList names '" + blockId + "', which was not uploaded with this token");
        }
        content.writeBytes(block);
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> note = new LinkedHashMap<>((Map<String, Object>) body.get("Target"));
    note.remove("@odata.type");
    note.put("documentbody", Base64.getEncoder().encodeToString(content.toByteArray()));
    writer.write(annotations, id, note, Mode.UPSERT, Map.of());
    uploads.remove(string(body, "FileContinuationToken"));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put(
        "@odata.context",
        apiBase + "$metadata#Microsoft.Dynamics.CRM.CommitAnnotationBlocksUploadResponse");
    answer.put("AnnotationId", id);
    answer.put("FileSizeInBytes", content.size());
    return Response.json(200, answer);
  }

  /** Validates {@code Target} as an annotation and returns its (required) annotationid. */
  private String target(Map<String, Object> body) {
    if (!(body.get("Target") instanceof Map)) {
      throw DataverseException.badRequest("Target must be an annotation object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> target = (Map<String, Object>) body.get("Target");
    if (!annotations.typeName().equals(target.get("@odata.type"))) {
      throw DataverseException.badRequest(
          "Target must carry \"@odata.type\": \"" + annotations.typeName() + "\"");
    }
    Object id = target.get("annotationid");
    if (!(id instanceof String) || !Store.isGuid((String) id)) {
      throw DataverseException.badRequest(
          "Target.annotationid is required and must be a GUID chosen by the client, was " + id);
    }
    if (target.containsKey("documentbody")) {
      throw DataverseException.badRequest(
          "Target must not carry documentbody; the blocks make up the content");
    }
    writer.validate(annotations, (String) id, target, true, Map.of());
    return Store.canonical((String) id);
  }

  private Upload upload(Map<String, Object> body) {
    Upload upload = uploads.get(string(body, "FileContinuationToken"));
    if (upload == null) {
      throw DataverseException.badRequest("FileContinuationToken is unknown or already committed");
    }
    return upload;
  }

  private static Map<String, Object> body(Request request, Set<String> allowed) {
    Map<String, Object> body;
    try {
      body = Json.readObject(request.body());
    } catch (IllegalArgumentException e) {
      throw DataverseException.badRequest(e.getMessage());
    }
    for (String name : body.keySet()) {
      if (!allowed.contains(name)) {
        throw DataverseException.badRequest(
            "Unknown parameter '" + name + "' for this action; expected " + allowed);
      }
    }
    for (String name : allowed) {
      if (body.get(name) == null) {
        throw DataverseException.badRequest("Missing parameter '" + name + "'");
      }
    }
    return body;
  }

  private static String string(Map<String, Object> body, String name) {
    if (!(body.get(name) instanceof String)) {
      throw DataverseException.badRequest("Parameter '" + name + "' must be a string");
    }
    return (String) body.get(name);
  }

  private static byte[] base64(String text, String name) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw DataverseException.badRequest(name + " is not valid Base64: " + e.getMessage());
    }
  }
}
