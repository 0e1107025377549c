package com.opencx.handoff.activities.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.opencx.handoff.activities.dynamics.StaticTokenProvider;
import com.opencx.handoff.activities.media.MediaActivitiesImpl;
import com.opencx.handoff.activities.media.MediaSettings;
import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.emulators.http.Fault;
import com.opencx.handoff.emulators.opencx.OpenCxEmulator;
import com.opencx.handoff.emulators.opencx.Session;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.activities.MediaActivities.MediaAttachment;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.MediaOutcome;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Step 4, {@link MediaActivitiesImpl#attachMedia}, streaming real bytes from the {@link
 * OpenCxEmulator} (through {@code OpenCxClient} as the media source) onto a conversation in the
 * {@link DataverseEmulator}: a small image becomes one note with its {@code documentbody}, a file
 * over 4 MB goes through {@code InitializeAnnotationBlocksUpload}/{@code UploadBlock}/{@code
 * CommitAnnotationBlocksUpload} and arrives intact, and a type WhatsApp does not deliver, a file
 * over the configured or the organisation's limit, and an item OpenCX answers 404 for each end as
 * Skipped with a note naming the file (SPEC §4.1: a per-item skip, never a failed step). A commit
 * whose answer is lost fails retryably and the retry finds the committed note. The notes are read
 * back from the emulator's store.
 */
class MediaEmulatorTest {

  private static final String SESSION = "wa-session-media";
  private static final String WORK_ITEM = HandoffIds.workItemId(SESSION);

  private final DataverseEmulator dataverse = Emulated.dataverse();
  private final OpenCxEmulator openCx = Emulated.openCx();

  @BeforeEach
  void seed() {
    dataverse.addRecord(
        Emulated.WORK_ITEMS, Map.of("activityid", WORK_ITEM, "subject", "Needs a human"));
    openCx.addSession(
        new Session(
            SESSION,
            "whatsapp",
            "handed_off",
            "Ann",
            null,
            "+14155550100",
            "Needs a human",
            Instant.parse("2026-03-01T09:30:00Z"),
            WORK_ITEM));
  }

  @AfterEach
  void stop() {
    dataverse.close();
    openCx.close();
  }

  @Test
  void aSmallImageBecomesANoteWithItsFileOnTheConversation() {
    byte[] image = bytes(48_000, 1);
    openCx.addMedia(SESSION, "img-1", "image/jpeg", image);
    MediaActivitiesImpl media = media(MediaSettings.defaults());

    MediaOutcome outcome = media.attachMedia(attachment("img-1", "image/jpeg", "receipt.jpg"));
    MediaOutcome again = media.attachMedia(attachment("img-1", "image/jpeg", "receipt.jpg"));

    assertThat(outcome)
        .isEqualTo(
            new MediaOutcome("img-1", MediaOutcome.Status.Attached, annotationId("img-1"), null));
    assertThat(again).isEqualTo(outcome);
    assertThat(dataverse.records(Emulated.ANNOTATIONS)).hasSize(1);
    Map<String, Object> note = note("img-1");
    assertThat(note)
        .containsEntry("filename", "receipt.jpg")
        .containsEntry("mimetype", "image/jpeg")
        .containsEntry("notetext", "caption of img-1")
        .containsEntry("_objectid_value", WORK_ITEM);
    assertThat((String) note.get("subject")).contains("receipt.jpg");
    assertThat(Base64.getDecoder().decode((String) note.get("documentbody"))).isEqualTo(image);
  }

  @Test
  void aFileOverFourMegabytesGoesUpInBlocksAndArrivesIntact() {
    byte[] pdf = bytes(4 * 1024 * 1024 + 300_000, 2);
    openCx.addMedia(SESSION, "doc-1", "application/pdf", pdf);
    dataverse.setMaxUploadFileSize(16 * 1024 * 1024);

    MediaOutcome outcome =
        media(MediaSettings.defaults())
            .attachMedia(attachment("doc-1", "application/pdf", "statement.pdf"));

    assertThat(outcome.status()).isEqualTo(MediaOutcome.Status.Attached);
    Map<String, Object> note = note("doc-1");
    assertThat(note)
        .containsEntry("filename", "statement.pdf")
        .containsEntry("mimetype", "application/pdf")
        .containsEntry("_objectid_value", WORK_ITEM);
    assertThat(Base64.getDecoder().decode((String) note.get("documentbody"))).isEqualTo(pdf);
    assertThat(Emulated.requests(dataverse))
        .containsExactly(
            "GET organizations",
            "GET annotations(" + annotationId("doc-1") + ")",
            "POST InitializeAnnotationBlocksUpload",
            "POST UploadBlock",
            "POST UploadBlock",
            "POST CommitAnnotationBlocksUpload");
  }

  @Test
  void aFileOfThreeBlocksOfASizeNotDivisibleByThreeArrivesByteForByte() {
    byte[] video = bytes(2 * 3 * 1024 * 1024 + 1001, 9); // 6,292,457 bytes: 2 left over of 3
    openCx.addMedia(SESSION, "vid-2", "video/mp4", video);
    dataverse.setMaxUploadFileSize(16 * 1024 * 1024);

    MediaOutcome outcome =
        media(MediaSettings.defaults()).attachMedia(attachment("vid-2", "video/mp4", "tour.mp4"));

    assertThat(outcome.status()).isEqualTo(MediaOutcome.Status.Attached);
    assertThat(Base64.getDecoder().decode((String) note("vid-2").get("documentbody")))
        .isEqualTo(video);
    assertThat(Emulated.requests(dataverse))
        .containsExactly(
            "GET organizations",
            "GET annotations(" + annotationId("vid-2") + ")",
            "POST InitializeAnnotationBlocksUpload",
            "POST UploadBlock",
            "POST UploadBlock",
            "POST UploadBlock",
            "POST CommitAnnotationBlocksUpload");
  }

  @Test
  void aLostAnswerToTheCommitIsRetryableAndTheRetryFindsTheNote() {
    byte[] video = bytes(4 * 1024 * 1024 + 10, 6);
    openCx.addMedia(SESSION, "vid-1", "video/mp4", video);
    dataverse.setMaxUploadFileSize(16 * 1024 * 1024);
    dataverse.injectFault(Fault.dropAfterCommit("POST", "CommitAnnotationBlocksUpload", 1));
    MediaActivitiesImpl media = media(MediaSettings.defaults());

    ApplicationFailure lost =
        Emulated.failure(() -> media.attachMedia(attachment("vid-1", "video/mp4", "clip.mp4")));
    assertThat(lost.getType()).isEqualTo(FailureTypes.DATAVERSE_UNAVAILABLE);
    assertThat(lost.isNonRetryable()).isFalse();

    MediaOutcome retried = media.attachMedia(attachment("vid-1", "video/mp4", "clip.mp4"));

    assertThat(retried.status()).isEqualTo(MediaOutcome.Status.Attached);
    assertThat(Base64.getDecoder().decode((String) note("vid-1").get("documentbody")))
        .isEqualTo(video);
    assertThat(Emulated.requests(dataverse))
        .as("the commit is sent once; the retry finds the note")
        .containsOnlyOnce("POST CommitAnnotationBlocksUpload")
        .endsWith("GET annotations(" + annotationId("vid-1") + ")");
  }

  @Test
  void aTypeWhatsAppDoesNotDeliverIsSkippedWithANoteAndNeverFetched() {
    openCx.addMedia(SESSION, "gif-1", "image/gif", bytes(2048, 3));

    MediaOutcome outcome =
        media(MediaSettings.defaults())
            .attachMedia(
                new MediaAttachment(
                    SESSION,
                    WORK_ITEM,
                    annotationId("gif-1"),
                    new MediaItem("gif-1", "image/gif", 2048L, "funny.gif", null)));

    assertSkippedWithNote(outcome, "gif-1", "funny.gif", "image/gif");
    assertThat(openCx.requestCount()).isZero();
  }

  @Test
  void aFileOverTheConfiguredLimitIsSkippedWithANoteNamingItsSize() {
    openCx.addMedia(SESSION, "aud-1", "audio/ogg", bytes(5000, 4));

    MediaOutcome outcome =
        media(new MediaSettings(4000, Map.of(), null))
            .attachMedia(attachment("aud-1", "audio/ogg", "voice.ogg"));

    assertSkippedWithNote(outcome, "aud-1", "voice.ogg", "5,000 bytes");
    assertThat(outcome.reason()).contains("limit");
  }

  @Test
  void aFileOverTheOrganisationsUploadLimitIsSkippedWithANote() {
    openCx.addMedia(SESSION, "img-2", "image/png", bytes(3000, 5));
    dataverse.setMaxUploadFileSize(3000); // Base64 of 3000 bytes is 4000 characters

    MediaOutcome outcome =
        media(MediaSettings.defaults()).attachMedia(attachment("img-2", "image/png", "big.png"));

    assertSkippedWithNote(outcome, "img-2", "big.png", "maxuploadfilesize");
  }

  @Test
  void aFileDynamicsRefusesFailsForGoodAndItsNoteNamesItsSizeTypeAndWhy() {
    openCx.addMedia(SESSION, "doc-1", "application/pdf", bytes(18_000, 7));
    MediaActivitiesImpl media = media(MediaSettings.defaults());
    MediaAttachment blocked =
        new MediaAttachment(
            SESSION,
            WORK_ITEM,
            annotationId("doc-1"),
            new MediaItem("doc-1", "application/pdf", 18_000L, "terms.pdf.exe", null));

    assertThatThrownBy(() -> media.attachMedia(blocked))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.DATAVERSE_BAD_REQUEST);
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage()).contains("0x80043e09");
            });
    MediaOutcome outcome =
        media.noteNotAttached(
            blocked, "Dynamics refused the file (DataverseBadRequest: 400 0x80043e09 …)");

    assertSkippedWithNote(outcome, "doc-1", "terms.pdf.exe", "0x80043e09");
    assertThat((String) note("doc-1").get("notetext")).contains("17.6 KB", "application/pdf");
    assertThat(outcome.reason()).startsWith("Dynamics refused the file");
  }

  @Test
  void mediaOpenCxNoLongerHasIsSkippedWithANoteInsteadOfFailingTheStep() {
    MediaOutcome outcome =
        media(MediaSettings.defaults())
            .attachMedia(attachment("vanished-1", "image/jpeg", "lost.jpg"));

    assertSkippedWithNote(outcome, "vanished-1", "lost.jpg", "404");
    assertThat(openCx.requestLog())
        .containsExactly("GET /v1/sessions/" + SESSION + "/media/vanished-1 404");
  }

  private void assertSkippedWithNote(
      MediaOutcome outcome, String mediaId, String fileName, String why) {
    assertThat(outcome.status()).isEqualTo(MediaOutcome.Status.Skipped);
    assertThat(outcome.mediaId()).isEqualTo(mediaId);
    assertThat(outcome.annotationId()).isEqualTo(annotationId(mediaId));
    assertThat(outcome.reason()).isNotBlank();
    Map<String, Object> note = note(mediaId);
    assertThat(note)
        .containsEntry("_objectid_value", WORK_ITEM)
        .doesNotContainKeys("documentbody", "filename", "mimetype");
    assertThat((String) note.get("subject")).contains(fileName);
    assertThat((String) note.get("notetext")).contains(fileName, why);
    assertThat(dataverse.records(Emulated.ANNOTATIONS)).hasSize(1);
  }

  private MediaActivitiesImpl media(MediaSettings settings) {
    return new MediaActivitiesImpl(
        Emulated.openCxClient(openCx),
        Emulated.client(dataverse, new StaticTokenProvider(Emulated.DATAVERSE_TOKEN)),
        settings);
  }

  private Map<String, Object> note(String mediaId) {
    return dataverse
        .record(Emulated.ANNOTATIONS, annotationId(mediaId))
        .orElseGet(Collections::emptyMap);
  }

  private static MediaAttachment attachment(String mediaId, String mime, String fileName) {
    return new MediaAttachment(
        SESSION,
        WORK_ITEM,
        annotationId(mediaId),
        new MediaItem(mediaId, mime, null, fileName, "caption of " + mediaId));
  }

  private static String annotationId(String mediaId) {
    return HandoffIds.annotationId(SESSION, mediaId);
  }

  private static byte[] bytes(int length, long seed) {
    byte[] content = new byte[length];
    new Random(seed).nextBytes(content);
    return content;
  }
}
