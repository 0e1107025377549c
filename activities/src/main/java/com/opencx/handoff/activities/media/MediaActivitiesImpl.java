package com.opencx.handoff.activities.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencx.handoff.activities.directline.DirectLineClient;
import com.opencx.handoff.activities.directline.DirectLineUploads;
import com.opencx.handoff.activities.dynamics.Base64Field;
import com.opencx.handoff.activities.dynamics.DataverseClient;
import com.opencx.handoff.activities.dynamics.DataverseException;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.activities.MediaActivities;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.MediaOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Copies one customer media item from OpenCX onto the conversation as a note ({@code annotation})
 * with the workflow's {@code annotationid}, streaming it through in 4 MB pieces: one conditional
 * {@code PATCH} up to 4 MB, the block upload actions beyond. A file of a type not allowed, over the
 * configured limit or over Dataverse's {@code maxuploadfilesize} (measured Base64-encoded), or one
 * OpenCX answers 404/410 for, is not uploaded; the rep gets a note naming it, its size and why, and
 * the outcome is Skipped; the workflow asks for the same note ({@link #noteNotAttached}) when a
 * transfer fails for good. Every write uses the same annotation id, so a retried activity finds its
 * earlier note instead of adding one. On the Direct Line route a file Direct Line takes (4 MB) goes
 * into the conversation instead, exactly once ({@link DirectLineUploads}); Dataverse's limit does
 * not apply to it, and a larger file takes the note path.
 */
public final class MediaActivitiesImpl implements MediaActivities {

  /** 3 MiB raw is exactly 4 MiB of Base64: Dataverse limits a block's BlockData to 4 MB. */
  static final int BLOCK = 3 * 1024 * 1024;

  private static final String ANNOTATIONS = "annotations";
  private static final long DATAVERSE_DEFAULT_MAX_UPLOAD = 5_242_880;

  /**
   * How long a read of the organisation's {@code maxuploadfilesize} is trusted: an admin's change
   * is seen within this, at one request per process per interval.
   */
  static final Duration MAX_UPLOAD_RECHECK = Duration.ofMinutes(15);

  /** What OpenCX answers for a media item it does not (or no longer) hold. */
  private static final Set<Integer> MISSING = Set.of(404, 410);

  private final MediaSource source;
  private final DataverseClient client;
  private final MediaSettings settings;
  private final DirectLineUploads chat;
  private final LongSupplier nanoTime;
  private final MediaMetrics metrics;
  private volatile MaxUpload maxUpload;

  /** The organisation's limit as last read, and when (in {@link #nanoTime} units). */
  private record MaxUpload(long bytes, long readAt) {}

  public MediaActivitiesImpl(MediaSource source, DataverseClient client, MediaSettings settings) {
    this(source, client, settings, null, new SimpleMeterRegistry(), System::nanoTime);
  }

  /** With {@code chat}, files of handoffs on the Direct Line route go into their conversation. */
  public MediaActivitiesImpl(
      MediaSource source, DataverseClient client, MediaSettings settings, DirectLineUploads chat) {
    this(source, client, settings, chat, new SimpleMeterRegistry(), System::nanoTime);
  }

  /** As above; the media metrics ({@link MediaMetrics}) go to {@code registry}. */
  public MediaActivitiesImpl(
      MediaSource source,
      DataverseClient client,
      MediaSettings settings,
      DirectLineUploads chat,
      MeterRegistry registry) {
    this(source, client, settings, chat, registry, System::nanoTime);
  }

  MediaActivitiesImpl(
      MediaSource source,
      DataverseClient client,
      MediaSettings settings,
      DirectLineUploads chat,
      MeterRegistry registry,
      LongSupplier nanoTime) {
    this.source = source;
    this.client = client;
    this.settings = settings;
    this.chat = chat;
    this.metrics = new MediaMetrics(registry);
    this.nanoTime = nanoTime;
  }

  @Override
  public MediaOutcome attachMedia(MediaAttachment attachment) {
    MediaItem item = attachment.item();
    String mime = mimeType(item.mimeType());
    Note note = new Note(client, attachment, mime, fileName(item, mime), metrics);
    boolean toChat = chat != null && attachment.conversationId() != null;
    try {
      Refusal refusal =
          toChat ? ownRefusal(mime, item.sizeBytes()) : refusal(mime, item.sizeBytes());
      if (refusal != null) {
        return note.skip(item.sizeBytes(), refusal);
      }
      MediaSource.MediaStream opened;
      try {
        opened = source.open(attachment.sessionId(), item.mediaId());
      } catch (ApplicationFailure failure) {
        Integer status = httpStatus(failure);
        if (status == null || !MISSING.contains(status)) {
          throw failure;
        }
        // SPEC §4.1: a media failure is a per-item skip with a note, never a parked step.
        return note.skip(
            item.sizeBytes(),
            new Refusal(
                Refusal.GONE_AT_OPENCX,
                "OpenCX no longer has it (HTTP " + status + " when fetching it)"));
      }
      try (MediaSource.MediaStream stream = opened) {
        Long length = item.sizeBytes();
        if (stream.contentLength() >= 0) {
          length = stream.contentLength(); // what is actually coming beats what was declared
        }
        InputStream body = stream.body();
        if (toChat && (length == null || length <= DirectLineUploads.MAX_BYTES)) {
          refusal = ownRefusal(mime, length);
          if (refusal != null) {
            return note.skip(length, refusal);
          }
          byte[] head = BlockReader.upTo(body, length, DirectLineUploads.MAX_BYTES);
          if (head.length <= DirectLineUploads.MAX_BYTES) {
            return intoChat(attachment, note, head);
          }
          // Larger than declared and than Direct Line takes: the work item's note, as below.
          body = new SequenceInputStream(new ByteArrayInputStream(head), body);
          length = null;
        }
        refusal = refusal(mime, length);
        if (refusal != null) {
          return note.skip(length, refusal);
        }
        return upload(note, new BlockReader(body, length, BLOCK));
      }
    } catch (DataverseException e) {
      throw e.toApplicationFailure();
    } catch (IOException e) {
      throw ApplicationFailure.newBuilder()
          .setType(FailureTypes.OPENCX_UNAVAILABLE)
          .setMessage("reading media from OpenCX failed: " + e.getClass().getSimpleName())
          .setCause(e)
          .build();
    }
  }

  @Override
  public MediaOutcome noteNotAttached(MediaAttachment attachment, String reason) {
    MediaItem item = attachment.item();
    String mime = mimeType(item.mimeType());
    try {
      return new Note(client, attachment, mime, fileName(item, mime), metrics)
          .skip(item.sizeBytes(), new Refusal(Refusal.TRANSFER_FAILED, reason));
    } catch (DataverseException e) {
      throw e.toApplicationFailure();
    }
  }

  private MediaOutcome upload(Note note, BlockReader blocks) throws IOException {
    int first = blocks.next();
    if (blocks.atEnd()) {
      Refusal refusal = refusal(note.mime, (long) first);
      if (refusal != null) {
        return note.skip((long) first, refusal);
      }
      client.createIfAbsent(
          ANNOTATIONS,
          note.annotationId(),
          note.target(false),
          new Base64Field("documentbody", blocks.bytes(), first));
      metrics.sent(MediaMetrics.DATAVERSE, first);
      return note.attached();
    }
    if (exists(note.annotationId())) {
      return note.attached();
    }
    return BlockUpload.run(
        client, note, blocks, this::refusal, n -> metrics.sent(MediaMetrics.DATAVERSE, n));
  }

  /**
   * The HTTP status a source's failure carries as its detail ({@link MediaSource#open}), or null
   * when it carries none (the source was unreachable).
   */
  private static Integer httpStatus(ApplicationFailure failure) {
    try {
      return failure.getDetails().getSize() == 0 ? null : failure.getDetails().get(Integer.class);
    } catch (RuntimeException notAStatus) {
      return null;
    }
  }

  /**
   * The file in the Direct Line conversation, where the rep sees it in the chat (its caption as the
   * text); exactly once, through {@link DirectLineUploads}.
   */
  private MediaOutcome intoChat(MediaAttachment attachment, Note note, byte[] bytes) {
    heartbeat(bytes.length);
    String activityId =
        chat.uploadOnce(
            attachment.workstreamId(),
            attachment.conversationId(),
            attachment.sessionId(),
            attachment.item().mediaId(),
            note.caption(),
            new DirectLineClient.Upload(bytes, note.mime, note.fileName));
    metrics.sent(MediaMetrics.DIRECT_LINE, bytes.length);
    return MediaOutcome.sentOverDirectLine(attachment.item().mediaId(), activityId);
  }

  /** Why a file may not be uploaded, or null when it may; {@code size} may be unknown (null). */
  Refusal refusal(String mime, Long size) {
    Refusal own = ownRefusal(mime, size);
    if (own != null || size == null) {
      return own;
    }
    long maxUpload = maxUploadFileSize();
    if (base64Length(size) > maxUpload) {
      return new Refusal(
          Refusal.OVER_DYNAMICS_LIMIT,
          "encoded for upload it would exceed Dynamics' attachment limit of "
              + Note.size(maxUpload)
              + " (organization setting maxuploadfilesize)");
    }
    return null;
  }

  /** This service's own rules (type allowed, its size limit), whatever the file's destination. */
  private Refusal ownRefusal(String mime, Long size) {
    if (!settings.allows(mime)) {
      return new Refusal(
          Refusal.TYPE_NOT_ALLOWED,
          "its type " + mime + " is not one WhatsApp delivers or this service uploads");
    }
    long limit = settings.limitFor(mime);
    if (size != null && size > limit) {
      return new Refusal(
          Refusal.TOO_LARGE,
          "it is larger than the " + Note.size(limit) + " limit for " + mime + " files");
    }
    return null;
  }

  /** Dataverse's limit on a note's file, re-read once {@link #MAX_UPLOAD_RECHECK} has passed. */
  long maxUploadFileSize() {
    MaxUpload known = maxUpload;
    long now = nanoTime.getAsLong();
    if (known == null || now - known.readAt() >= MAX_UPLOAD_RECHECK.toNanos()) {
      JsonNode page = client.get("organizations", Map.of("$select", "maxuploadfilesize"));
      JsonNode value = page.path("value").path(0).path("maxuploadfilesize");
      long bytes =
          value.canConvertToLong() && value.asLong() > 0
              ? value.asLong()
              : DATAVERSE_DEFAULT_MAX_UPLOAD;
      known = new MaxUpload(bytes, now);
      maxUpload = known;
    }
    return known.bytes();
  }

  private boolean exists(String annotationId) {
    try {
      client.get(ANNOTATIONS + "(" + annotationId + ")", Map.of("$select", "annotationid"));
      return true;
    } catch (DataverseException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  static long base64Length(long bytes) {
    return (bytes + 2) / 3 * 4;
  }

  /** Records the upload's progress when running as an activity; a no-op in plain unit tests. */
  static void heartbeat(Object progress) {
    try {
      Activity.getExecutionContext().heartbeat(progress);
    } catch (IllegalStateException notInActivity) {
      // Called outside an activity (unit tests): nobody to tell.
    }
  }

  private static String mimeType(String declared) {
    if (declared == null) {
      return "application/octet-stream";
    }
    int parameters = declared.indexOf(';');
    String type = parameters < 0 ? declared : declared.substring(0, parameters);
    return type.strip().toLowerCase(Locale.ROOT);
  }

  private static String fileName(MediaItem item, String mime) {
    if (item.fileName() != null && !item.fileName().isBlank()) {
      return item.fileName().strip();
    }
    String subtype = mime.substring(mime.indexOf('/') + 1);
    String extension = subtype.matches("[a-z0-9]{1,5}") ? "." + subtype : "";
    return "whatsapp-" + item.mediaId() + extension;
  }

  /** {@code JsonNodeFactory} shorthand for the note builders. */
  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }
}
