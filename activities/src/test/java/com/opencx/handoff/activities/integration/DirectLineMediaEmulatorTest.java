package com.opencx.handoff.activities.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.activities.directline.DirectLineClient;
import com.opencx.handoff.activities.directline.DirectLineSettings;
import com.opencx.handoff.activities.directline.DirectLineUploads;
import com.opencx.handoff.activities.dynamics.StaticTokenProvider;
import com.opencx.handoff.activities.media.MediaActivitiesImpl;
import com.opencx.handoff.activities.media.MediaSettings;
import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.emulators.directline.Channel;
import com.opencx.handoff.emulators.directline.DirectLineEmulator;
import com.opencx.handoff.emulators.http.Fault;
import com.opencx.handoff.emulators.opencx.OpenCxEmulator;
import com.opencx.handoff.emulators.opencx.Session;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.activities.MediaActivities.MediaAttachment;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.MediaOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Step 4 on the Direct Line route, against the OpenCX, Dataverse and Direct Line emulators: a file
 * Direct Line takes goes into the conversation as one activity the rep sees (bytes intact, caption
 * as text, our id in {@code channelData}) and no note is written; run again, or after an upload
 * whose 502 came after Direct Line stored it, it is still there once; a file over Direct Line's cap
 * becomes a note with its file on the work item, as on the record route.
 */
class DirectLineMediaEmulatorTest {

  private static final String SECRET = "channel-secret-media";
  private static final String SESSION = "wa-session-dl-media";
  private static final String WORK_ITEM = HandoffIds.workItemId(SESSION);

  private final DataverseEmulator dataverse = Emulated.dataverse();
  private final OpenCxEmulator openCx = Emulated.openCx();
  private final DirectLineEmulator directLine =
      DirectLineEmulator.start(
          0, 0, "control", dataverse, new Channel(SECRET, Emulated.WORKSTREAM_ID, "bot"));
  private final DirectLineClient client =
      new DirectLineClient(DirectLineSettings.of(directLine.baseUrl()));
  private final MediaActivitiesImpl media =
      new MediaActivitiesImpl(
          Emulated.openCxClient(openCx),
          Emulated.client(dataverse, new StaticTokenProvider(Emulated.DATAVERSE_TOKEN)),
          MediaSettings.defaults(),
          new DirectLineUploads(client, Map.of(Emulated.WORKSTREAM_ID.toLowerCase(), SECRET)));
  private String conversation;

  @BeforeEach
  void seed() {
    dataverse.addRecord(Emulated.WORK_ITEMS, Map.of("activityid", WORK_ITEM, "subject", "Human"));
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
    conversation = client.startConversation(SECRET).conversationId();
  }

  @AfterEach
  void stop() {
    directLine.close();
    openCx.close();
    dataverse.close();
  }

  @Test
  void aFileDirectLineTakesGoesIntoTheConversationOnceAndNoNoteIsWritten() throws Exception {
    byte[] image = bytes(300_000, 1);
    openCx.addMedia(SESSION, "img-1", "image/jpeg", image);

    MediaOutcome outcome = media.attachMedia(attachment("img-1", "image/jpeg", "receipt.jpg"));
    MediaOutcome again = media.attachMedia(attachment("img-1", "image/jpeg", "receipt.jpg"));

    List<Map<String, Object>> activities = directLine.activities(conversation);
    assertThat(activities).hasSize(1);
    Map<String, Object> activity = activities.get(0);
    assertThat(outcome).isEqualTo(again);
    assertThat(outcome.status()).isEqualTo(MediaOutcome.Status.Attached);
    assertThat(outcome.activityId()).isEqualTo(activity.get("id"));
    assertThat(outcome.annotationId()).isNull();
    assertThat(activity)
        .containsEntry("text", "caption of img-1")
        .containsEntry("channelData", Map.of("opencxMessageId", SESSION + ":media:img-1"));
    assertThat(attachmentBytes(activity)).isEqualTo(image);
    assertThat(dataverse.records(Emulated.ANNOTATIONS)).isEmpty();
  }

  @Test
  void anUploadStoredBeforeIts502IsNotSentAgain() {
    openCx.addMedia(SESSION, "img-2", "image/png", bytes(20_000, 2));
    directLine.injectFault(Fault.statusAfterCommit("POST", "/upload", 502, 1));

    MediaOutcome outcome = media.attachMedia(attachment("img-2", "image/png", "shot.png"));

    assertThat(outcome.status()).isEqualTo(MediaOutcome.Status.Attached);
    assertThat(directLine.activities(conversation)).hasSize(1);
    assertThat(directLine.requestCount("POST", "/v3/directline/conversations/" + conversation))
        .isEqualTo(1);
  }

  @Test
  void aFileOverDirectLinesCapBecomesANoteWithItsFileOnTheWorkItem() {
    dataverse.setMaxUploadFileSize(16 * 1024 * 1024); // an admin raised it from 5 MB
    byte[] video = bytes(DirectLineUploads.MAX_BYTES + 1, 3);
    openCx.addMedia(SESSION, "vid-1", "video/mp4", video);

    MediaOutcome outcome = media.attachMedia(attachment("vid-1", "video/mp4", "unboxing.mp4"));

    assertThat(outcome.status()).isEqualTo(MediaOutcome.Status.Attached);
    assertThat(outcome.annotationId()).isEqualTo(HandoffIds.annotationId(SESSION, "vid-1"));
    assertThat(directLine.activities(conversation)).isEmpty();
    assertThat(dataverse.record(Emulated.ANNOTATIONS, outcome.annotationId()))
        .hasValueSatisfying(note -> assertThat(note).containsEntry("filename", "unboxing.mp4"));
  }

  private MediaAttachment attachment(String mediaId, String mime, String fileName) {
    return new MediaAttachment(
        SESSION,
        WORK_ITEM,
        HandoffIds.annotationId(SESSION, mediaId),
        new MediaItem(mediaId, mime, null, fileName, "caption of " + mediaId),
        conversation,
        Emulated.WORKSTREAM_ID);
  }

  @SuppressWarnings("unchecked")
  private byte[] attachmentBytes(Map<String, Object> activity) throws Exception {
    String url =
        (String) ((List<Map<String, Object>>) activity.get("attachments")).get(0).get("contentUrl");
    Request request =
        new Request.Builder().url(url).header("Authorization", "Bearer " + SECRET).build();
    try (Response response = new OkHttpClient().newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
      return response.body().bytes();
    }
  }

  private static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
