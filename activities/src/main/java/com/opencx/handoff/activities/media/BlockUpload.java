package com.opencx.handoff.activities.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencx.handoff.activities.dynamics.Base64Field;
import com.opencx.handoff.activities.dynamics.DataverseClient;
import com.opencx.handoff.activities.dynamics.DataverseException;
import com.opencx.handoff.workflows.model.MediaOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.LongConsumer;

/**
 * Uploads a note's file larger than one request may carry, the way Dataverse requires for files
 * beyond a few MB: {@code InitializeAnnotationBlocksUpload}, one {@code UploadBlock} per 4 MB of
 * Base64 (3 MiB read from the source into the one reused buffer of a {@link BlockReader} and
 * encoded straight into the request body by {@link Base64Field}, never the whole file in memory),
 * then {@code CommitAnnotationBlocksUpload} with the block ids in order. Block ids are Base64 of
 * fixed-width counters, so all have the same length as Dataverse demands. It heartbeats after each
 * block; a file that turns out larger than allowed while streaming is abandoned uncommitted and
 * explained by a skip note instead.
 */
final class BlockUpload {

  private static final String DUPLICATE_RECORD = "0x80040237";

  private BlockUpload() {}

  static MediaOutcome run(
      DataverseClient client,
      Note note,
      BlockReader blocks,
      BiFunction<String, Long, Refusal> refusal,
      LongConsumer sent)
      throws IOException {
    String token;
    try {
      JsonNode init = client.post("InitializeAnnotationBlocksUpload", target(note));
      token = init.path("FileContinuationToken").asText();
    } catch (DataverseException e) {
      if (alreadyExists(e)) {
        return note.attached();
      }
      throw e;
    }
    ArrayNode blockIds = MediaActivitiesImpl.object().arrayNode();
    long total = 0;
    int length = blocks.length(); // the first block, already read
    while (length > 0) {
      total += length;
      Refusal tooLarge = refusal.apply(note.mime, total);
      if (tooLarge != null) {
        return note.skip(null, tooLarge.explained(" (at least " + Note.size(total) + " received)"));
      }
      String blockId = blockId(blockIds.size());
      ObjectNode upload = MediaActivitiesImpl.object();
      upload.put("BlockId", blockId);
      upload.put("FileContinuationToken", token);
      client.post("UploadBlock", upload, new Base64Field("BlockData", blocks.bytes(), length));
      sent.accept(length);
      blockIds.add(blockId);
      MediaActivitiesImpl.heartbeat(total);
      length = blocks.next();
    }
    ObjectNode commit = MediaActivitiesImpl.object();
    commit.set("Target", target(note).get("Target"));
    commit.set("BlockList", blockIds);
    commit.put("FileContinuationToken", token);
    try {
      client.post("CommitAnnotationBlocksUpload", commit);
    } catch (DataverseException e) {
      if (!alreadyExists(e)) {
        throw e;
      }
    }
    return note.attached();
  }

  /** Base64 of {@code block-000000}-style ids: equal length for every block. */
  static String blockId(int index) {
    String id = String.format(Locale.ROOT, "block-%06d", index);
    return Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.US_ASCII));
  }

  private static ObjectNode target(Note note) {
    ObjectNode body = MediaActivitiesImpl.object();
    body.set("Target", note.target(true));
    return body;
  }

  /** A retry that finds the note already committed: 412, or Dataverse's duplicate-record error. */
  private static boolean alreadyExists(DataverseException e) {
    return e.status() == 412
        || DUPLICATE_RECORD.equalsIgnoreCase(e.errorCode())
        || e.dataverseMessage().toLowerCase(Locale.ROOT).contains("already exists");
  }
}
