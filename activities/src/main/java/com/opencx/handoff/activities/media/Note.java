package com.opencx.handoff.activities.media;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencx.handoff.activities.dynamics.DataverseClient;
import com.opencx.handoff.workflows.activities.MediaActivities.MediaAttachment;
import com.opencx.handoff.workflows.model.MediaOutcome;
import java.util.Locale;

/**
 * The note one media item becomes on the conversation: its columns (subject, file name, MIME type,
 * the caption as note text, the binding to the work item) and the two outcomes. A skipped file
 * still gets a note, without file columns, telling the rep what the customer sent and why it is not
 * there, so nothing the customer sent disappears silently.
 */
final class Note {

  private static final int SUBJECT_MAX = 500;

  private final DataverseClient client;
  private final MediaMetrics metrics;
  private final MediaAttachment attachment;
  final String mime;
  final String fileName;

  Note(
      DataverseClient client,
      MediaAttachment attachment,
      String mime,
      String fileName,
      MediaMetrics metrics) {
    this.client = client;
    this.metrics = metrics;
    this.attachment = attachment;
    this.mime = mime;
    this.fileName = fileName;
  }

  String annotationId() {
    return attachment.annotationId();
  }

  String caption() {
    String caption = attachment.item().caption();
    return caption == null || caption.isBlank() ? null : caption.strip();
  }

  /**
   * The note's columns for {@code PATCH annotations(<id>)}, or with {@code annotationid} and
   * {@code @odata.type} as the {@code Target} of the block upload actions.
   */
  ObjectNode target(boolean forBlockUpload) {
    ObjectNode note = MediaActivitiesImpl.object();
    if (forBlockUpload) {
      note.put("@odata.type", "Microsoft.Dynamics.CRM.annotation");
      note.put("annotationid", annotationId());
    }
    note.put("subject", subject("WhatsApp " + kind() + ": " + fileName));
    note.put("filename", fileName);
    note.put("mimetype", mime);
    if (caption() != null) {
      note.put("notetext", caption());
    }
    note.put("objectid_msdyn_ocliveworkitem@odata.bind", workItem());
    return note;
  }

  MediaOutcome attached() {
    return new MediaOutcome(
        attachment.item().mediaId(), MediaOutcome.Status.Attached, annotationId(), null);
  }

  /** Writes the explanatory note (no file columns) and reports the item as skipped. */
  MediaOutcome skip(Long sizeBytes, Refusal refusal) {
    String reason = refusal.text();
    String what =
        "\"" + fileName + "\" (" + mime + (sizeBytes == null ? "" : ", " + size(sizeBytes)) + ")";
    StringBuilder text =
        new StringBuilder("The customer sent ")
            .append(what)
            .append(" on WhatsApp. It was not attached because ")
            .append(reason)
            .append('.');
    if (caption() != null) {
      text.append("\nCaption: ").append(caption());
    }
    ObjectNode note = MediaActivitiesImpl.object();
    note.put("subject", subject("WhatsApp " + kind() + " not attached: " + fileName));
    note.put("notetext", text.toString());
    note.put("objectid_msdyn_ocliveworkitem@odata.bind", workItem());
    client.createIfAbsent("annotations", annotationId(), note);
    metrics.refused(refusal);
    return new MediaOutcome(
        attachment.item().mediaId(), MediaOutcome.Status.Skipped, annotationId(), reason);
  }

  /** e.g. {@code 17.2 MB (18,000,000 bytes)}. */
  static String size(long bytes) {
    String exact = String.format(Locale.ROOT, "%,d bytes", bytes);
    if (bytes < 1024) {
      return exact;
    }
    double kb = bytes / 1024.0;
    String rounded =
        kb < 1024
            ? String.format(Locale.ROOT, "%.1f KB", kb)
            : String.format(Locale.ROOT, "%.1f MB", kb / 1024.0);
    return rounded + " (" + exact + ")";
  }

  private String workItem() {
    return "/msdyn_ocliveworkitems(" + attachment.workItemId() + ")";
  }

  private String kind() {
    if (mime.startsWith("image/")) {
      return "image";
    }
    if (mime.startsWith("audio/")) {
      return "audio";
    }
    return mime.startsWith("video/") ? "video" : "document";
  }

  private static String subject(String text) {
    return text.length() <= SUBJECT_MAX ? text : text.substring(0, SUBJECT_MAX - 1) + "…";
  }
}
