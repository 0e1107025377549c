package com.opencx.handoff.activities.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencx.handoff.activities.dynamics.DataverseClient;
import com.opencx.handoff.activities.dynamics.DataverseSettings;
import com.opencx.handoff.activities.dynamics.StaticTokenProvider;
import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.activities.MediaActivities.MediaAttachment;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.MediaOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Media onto the conversation against a local Dataverse: notes, block uploads and skips. */
class MediaActivitiesImplTest {

  private static final String SESSION = "sess-7";
  private static final String WORK_ITEM = HandoffIds.workItemId(SESSION);
  private static final String API = "/api/data/v9.2/";
  private static final ObjectMapper JSON = new ObjectMapper();

  @StartStop private final MockWebServer server = new MockWebServer();

  private final List<String> opened = new ArrayList<>();
  private byte[] content = new byte[0];
  private long contentLength = -1;
  private final AtomicLong clock = new AtomicLong();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void anAdminsChangeOfTheUploadLimitIsSeenWithinTheRecheckInterval() throws Exception {
    server.enqueue(org(3000));
    server.enqueue(org(16 * 1024 * 1024));
    MediaActivitiesImpl media = activities(MediaSettings.defaults());

    assertThat(media.maxUploadFileSize()).isEqualTo(3000);
    clock.addAndGet(MediaActivitiesImpl.MAX_UPLOAD_RECHECK.toNanos() - 1);
    assertThat(media.maxUploadFileSize()).as("trusted until the interval ends").isEqualTo(3000);
    assertThat(server.getRequestCount()).isEqualTo(1);
    clock.addAndGet(1);

    assertThat(media.maxUploadFileSize()).isEqualTo(16 * 1024 * 1024);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void smallFileBecomesANoteWithTheFileInOneConditionalPatch() throws Exception {
    content = "%PDF-1.7 invoice".getBytes();
    contentLength = content.length;
    server.enqueue(org(131_072_000));
    server.enqueue(new MockResponse.Builder().code(204).build());

    MediaOutcome outcome =
        activities(MediaSettings.defaults())
            .attachMedia(attachment("m1", "application/pdf", null, "invoice.pdf", "My invoice"));

    assertThat(outcome)
        .isEqualTo(new MediaOutcome("m1", MediaOutcome.Status.Attached, annotationId("m1"), null));
    assertThat(opened).containsExactly(SESSION + "/m1");
    RecordedRequest org = take();
    assertThat(org.getTarget()).isEqualTo(API + "organizations?$select=maxuploadfilesize");
    RecordedRequest patch = take();
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getTarget()).isEqualTo(API + "annotations(" + annotationId("m1") + ")");
    assertThat(patch.getHeaders().get("If-None-Match")).isEqualTo("*");
    assertThat(patch.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(patch.getHeaders().get("Authorization")).isEqualTo("Bearer emulator-token");
    JsonNode note = JSON.readTree(patch.getBody().utf8());
    assertThat(note.path("filename").asText()).isEqualTo("invoice.pdf");
    assertThat(note.path("mimetype").asText()).isEqualTo("application/pdf");
    assertThat(note.path("notetext").asText()).isEqualTo("My invoice");
    assertThat(note.path("subject").asText()).contains("invoice.pdf");
    assertThat(Base64.getDecoder().decode(note.path("documentbody").asText())).isEqualTo(content);
    assertThat(note.path("objectid_msdyn_ocliveworkitem@odata.bind").asText())
        .isEqualTo("/msdyn_ocliveworkitems(" + WORK_ITEM + ")");
    assertThat(mediaBytes("dataverse")).isEqualTo(content.length);
    assertThat(registry.find("handoff.media.refusals").counters()).isEmpty();
  }

  @Test
  void aRetryFindingTheNoteAlreadyThereSucceedsAndTheLimitIsReadOnce() throws Exception {
    content = new byte[1000];
    contentLength = content.length;
    server.enqueue(org(5_242_880));
    server.enqueue(error(412, "0x80060882", "A record with matching key values already exists."));
    server.enqueue(new MockResponse.Builder().code(204).build());
    MediaActivitiesImpl activities = activities(MediaSettings.defaults());

    assertThat(activities.attachMedia(attachment("m1", "image/jpeg", 1000L, null, null)).status())
        .isEqualTo(MediaOutcome.Status.Attached);
    assertThat(activities.attachMedia(attachment("m2", "image/jpeg", 1000L, null, null)).status())
        .isEqualTo(MediaOutcome.Status.Attached);

    assertThat(server.getRequestCount()).isEqualTo(3);
    take();
    JsonNode note = JSON.readTree(take().getBody().utf8());
    assertThat(note.path("filename").asText()).isEqualTo("whatsapp-m1.jpeg");
    assertThat(note.has("notetext")).isFalse();
  }

  @Test
  void aTypeWhatsAppDoesNotDeliverIsExplainedInANoteWithoutTheFile() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());

    MediaOutcome outcome =
        activities(MediaSettings.defaults())
            .attachMedia(attachment("m3", "image/gif", 2048L, "funny.gif", "lol"));

    assertThat(outcome.status()).isEqualTo(MediaOutcome.Status.Skipped);
    assertThat(outcome.annotationId()).isEqualTo(annotationId("m3"));
    assertThat(outcome.reason()).contains("image/gif");
    assertThat(opened).isEmpty();
    RecordedRequest patch = take();
    assertThat(patch.getTarget()).isEqualTo(API + "annotations(" + annotationId("m3") + ")");
    assertThat(patch.getHeaders().get("If-None-Match")).isEqualTo("*");
    JsonNode note = JSON.readTree(patch.getBody().utf8());
    assertThat(note.has("documentbody")).isFalse();
    assertThat(note.has("filename")).isFalse();
    assertThat(note.has("mimetype")).isFalse();
    assertThat(note.path("notetext").asText()).contains("funny.gif", "2.0 KB", "image/gif", "lol");
    assertThat(refusals("type_not_allowed")).isEqualTo(1);
    assertThat(registry.find("handoff.media.bytes").counters()).isEmpty();
    assertThat(note.path("objectid_msdyn_ocliveworkitem@odata.bind").asText())
        .isEqualTo("/msdyn_ocliveworkitems(" + WORK_ITEM + ")");
  }

  @Test
  void aFileOverTheConfiguredLimitIsNotFetched() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());

    MediaOutcome outcome =
        activities(MediaSettings.defaults())
            .attachMedia(attachment("m4", "video/mp4", 20_000_000L, "clip.mp4", null));

    assertThat(outcome.status()).isEqualTo(MediaOutcome.Status.Skipped);
    assertThat(outcome.reason()).contains("16.0 MB");
    assertThat(opened).isEmpty();
    assertThat(JSON.readTree(take().getBody().utf8()).path("notetext").asText())
        .contains("clip.mp4", "20,000,000 bytes");
    assertThat(refusals("too_large")).isEqualTo(1);
  }

  @Test
  void perTypeLimitsUseTheLongestPrefix() {
    MediaSettings settings =
        new MediaSettings(16_000_000, Map.of("image/", 1_000_000L, "image/png", 3_000_000L), null);
    assertThat(settings.limitFor("image/jpeg")).isEqualTo(1_000_000);
    assertThat(settings.limitFor("image/png")).isEqualTo(3_000_000);
    assertThat(settings.limitFor("audio/ogg")).isEqualTo(16_000_000);
  }

  @Test
  void dataversesUploadLimitCountsTheBase64Size() throws Exception {
    content = new byte[800_000];
    contentLength = content.length;
    server.enqueue(org(1_000_000));
    server.enqueue(new MockResponse.Builder().code(204).build());

    MediaOutcome outcome =
        activities(MediaSettings.defaults())
            .attachMedia(attachment("m5", "audio/ogg", null, "voice.ogg", null));

    assertThat(outcome.status()).isEqualTo(MediaOutcome.Status.Skipped);
    assertThat(outcome.reason()).contains("maxuploadfilesize");
    assertThat(refusals("over_dynamics_limit")).isEqualTo(1);
    take();
    assertThat(JSON.readTree(take().getBody().utf8()).has("documentbody")).isFalse();
  }

  @Test
  void aFileOfUnknownLengthIsMeasuredWhileRead() throws Exception {
    content = new byte[5000];
    contentLength = -1;
    server.enqueue(new MockResponse.Builder().code(204).build());

    MediaOutcome outcome =
        activities(new MediaSettings(4000, Map.of(), null))
            .attachMedia(attachment("m6", "audio/ogg", null, "voice.ogg", null));

    assertThat(outcome.status()).isEqualTo(MediaOutcome.Status.Skipped);
    assertThat(outcome.reason()).contains("limit");
    assertThat(opened).hasSize(1);
    assertThat(take().getMethod()).isEqualTo("PATCH");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aLargeFileGoesUpInBlocksOfAtMostFourMegabytesOfBase64() throws Exception {
    content = new byte[9 * 1024 * 1024 + 124]; // not a multiple of 3: the last group is padded
    new Random(7).nextBytes(content);
    contentLength = content.length;
    server.enqueue(org(131_072_000));
    server.enqueue(error(404, "0x80040217", "annotation With Id = x Does Not Exist"));
    server.enqueue(json(200, "{\"FileContinuationToken\":\"tok-1\"}"));
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse.Builder().code(204).build());
    }
    server.enqueue(
        json(200, "{\"AnnotationId\":\"x\",\"FileSizeInBytes\":" + content.length + "}"));

    MediaOutcome outcome =
        activities(MediaSettings.defaults())
            .attachMedia(attachment("m7", "video/mp4", null, "clip.mp4", "look"));

    assertThat(outcome.status()).isEqualTo(MediaOutcome.Status.Attached);
    take();
    RecordedRequest exists = take();
    assertThat(exists.getMethod()).isEqualTo("GET");
    assertThat(exists.getUrl().encodedPath())
        .isEqualTo(API + "annotations(" + annotationId("m7") + ")");

    RecordedRequest init = take();
    assertThat(init.getMethod()).isEqualTo("POST");
    assertThat(init.getTarget()).isEqualTo(API + "InitializeAnnotationBlocksUpload");
    JsonNode target = JSON.readTree(init.getBody().utf8()).path("Target");
    assertThat(target.path("annotationid").asText()).isEqualTo(annotationId("m7"));
    assertThat(target.path("@odata.type").asText()).isEqualTo("Microsoft.Dynamics.CRM.annotation");
    assertThat(target.path("filename").asText()).isEqualTo("clip.mp4");
    assertThat(target.path("mimetype").asText()).isEqualTo("video/mp4");
    assertThat(target.path("objectid_msdyn_ocliveworkitem@odata.bind").asText())
        .isEqualTo("/msdyn_ocliveworkitems(" + WORK_ITEM + ")");
    assertThat(target.has("documentbody")).isFalse();

    ByteArrayOutputStream uploaded = new ByteArrayOutputStream();
    List<String> blockIds = new ArrayList<>();
    Set<Integer> idLengths = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      RecordedRequest block = take();
      assertThat(block.getTarget()).isEqualTo(API + "UploadBlock");
      assertThat(block.getHeaders().get("Content-Length"))
          .as("the declared length is what was sent, not chunked")
          .isEqualTo(Long.toString(block.getBodySize()));
      assertThat(block.getHeaders().get("Transfer-Encoding")).isNull();
      JsonNode body = JSON.readTree(block.getBody().utf8());
      assertThat(body.path("FileContinuationToken").asText()).isEqualTo("tok-1");
      String encoded = body.path("BlockData").asText();
      assertThat(encoded.length()).isLessThanOrEqualTo(4 * 1024 * 1024); // the reference's limit
      byte[] data = Base64.getDecoder().decode(encoded);
      uploaded.write(data);
      String id = body.path("BlockId").asText();
      assertThat(Base64.getDecoder().decode(id).length).isLessThanOrEqualTo(64);
      blockIds.add(id);
      idLengths.add(id.length());
    }
    assertThat(uploaded.toByteArray()).isEqualTo(content);
    assertThat(idLengths).hasSize(1);
    assertThat(new HashSet<>(blockIds)).hasSize(4);

    RecordedRequest commit = take();
    assertThat(commit.getTarget()).isEqualTo(API + "CommitAnnotationBlocksUpload");
    JsonNode committed = JSON.readTree(commit.getBody().utf8());
    assertThat(committed.path("FileContinuationToken").asText()).isEqualTo("tok-1");
    List<String> list = new ArrayList<>();
    committed.path("BlockList").forEach(id -> list.add(id.asText()));
    assertThat(list).isEqualTo(blockIds);
    assertThat(committed.path("Target")).isEqualTo(target);
    assertThat(mediaBytes("dataverse")).isEqualTo(content.length);
  }

  @Test
  void aLargeFileOfUnknownLengthGoesUpInFullBlocksAndArrivesIntact() throws Exception {
    content = new byte[2 * MediaActivitiesImpl.BLOCK + 7];
    new Random(8).nextBytes(content);
    contentLength = -1;
    // Of unknown size, Dataverse's limit is first needed for the first block, after initialising.
    server.enqueue(error(404, "0x80040217", "annotation With Id = x Does Not Exist"));
    server.enqueue(json(200, "{\"FileContinuationToken\":\"tok-2\"}"));
    server.enqueue(org(131_072_000));
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(204).build());
    }
    server.enqueue(json(200, "{\"AnnotationId\":\"x\"}"));

    MediaOutcome outcome =
        activities(MediaSettings.defaults())
            .attachMedia(attachment("m8", "video/mp4", null, "long.mp4", null));

    assertThat(outcome.status()).isEqualTo(MediaOutcome.Status.Attached);
    for (int i = 0; i < 3; i++) {
      take(); // the existence check, initialise, organizations
    }
    ByteArrayOutputStream uploaded = new ByteArrayOutputStream();
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      RecordedRequest block = take();
      assertThat(block.getHeaders().get("Content-Length"))
          .isEqualTo(Long.toString(block.getBodySize()));
      byte[] data =
          Base64.getDecoder()
              .decode(JSON.readTree(block.getBody().utf8()).path("BlockData").asText());
      sizes.add(data.length);
      uploaded.write(data);
    }
    assertThat(sizes)
        .as("a buffer grown while reading still makes full blocks")
        .containsExactly(MediaActivitiesImpl.BLOCK, MediaActivitiesImpl.BLOCK, 7);
    assertThat(uploaded.toByteArray()).isEqualTo(content);
    assertThat(take().getTarget()).isEqualTo(API + "CommitAnnotationBlocksUpload");
  }

  private double mediaBytes(String destination) {
    return registry.get("handoff.media.bytes").tag("destination", destination).counter().count();
  }

  private double refusals(String reason) {
    return registry.get("handoff.media.refusals").tag("reason", reason).counter().count();
  }

  @Test
  void aLargeFileAlreadyCommittedByAnEarlierAttemptIsNotSentAgain() {
    content = new byte[5 * 1024 * 1024];
    contentLength = content.length;
    server.enqueue(org(131_072_000));
    server.enqueue(json(200, "{\"annotationid\":\"" + annotationId("m8") + "\"}"));

    assertThat(
            activities(MediaSettings.defaults())
                .attachMedia(attachment("m8", "video/mp4", null, "clip.mp4", null))
                .status())
        .isEqualTo(MediaOutcome.Status.Attached);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void dataverseFailuresLeaveAsTemporalFailures() {
    content = new byte[10];
    contentLength = content.length;
    server.enqueue(org(5_242_880));
    server.enqueue(
        error(429, "0x80072322", "Number of requests exceeded the limit")
            .newBuilder()
            .setHeader("Retry-After", "9")
            .build());

    assertThatThrownBy(
            () ->
                activities(MediaSettings.defaults())
                    .attachMedia(attachment("m9", "image/png", 10L, "a.png", null)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("DataverseThrottled");
              assertThat(f.getNextRetryDelay()).hasSeconds(9);
            });
  }

  @Test
  void anItemTheSourceNoLongerHasIsSkippedWithANoteButOtherRefusalsFail() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());

    MediaOutcome outcome =
        activities(MediaSettings.defaults(), refusing(404))
            .attachMedia(attachment("m10", "image/jpeg", null, "gone.jpg", null));

    assertThat(outcome.status()).isEqualTo(MediaOutcome.Status.Skipped);
    assertThat(outcome.reason()).contains("HTTP 404");
    RecordedRequest patch = take();
    assertThat(patch.getTarget()).isEqualTo(API + "annotations(" + annotationId("m10") + ")");
    JsonNode note = JSON.readTree(patch.getBody().utf8());
    assertThat(note.path("notetext").asText()).contains("gone.jpg", "HTTP 404");
    assertThat(note.has("documentbody")).isFalse();

    assertThatThrownBy(
            () ->
                activities(MediaSettings.defaults(), refusing(401))
                    .attachMedia(attachment("m11", "image/jpeg", null, "a.jpg", null)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("OpenCxRejectedCall"));
    assertThat(server.getRequestCount()).as("no note for a wrong key").isEqualTo(1);
  }

  /** A source refusing every item as OpenCxClient does: the HTTP status as the only detail. */
  private static MediaSource refusing(int status) {
    return (sessionId, mediaId) -> {
      throw ApplicationFailure.newBuilder()
          .setType("OpenCxRejectedCall")
          .setDetails(status)
          .setNonRetryable(true)
          .setMessage("OpenCX rejected the media call with HTTP " + status)
          .build();
    };
  }

  private MediaActivitiesImpl activities(MediaSettings settings) {
    MediaSource source =
        (sessionId, mediaId) -> {
          opened.add(sessionId + "/" + mediaId);
          return new MediaSource.MediaStream(
              "application/octet-stream", contentLength, new ByteArrayInputStream(content));
        };
    return activities(settings, source);
  }

  private MediaActivitiesImpl activities(MediaSettings settings, MediaSource source) {
    String root = server.url("/").toString();
    DataverseSettings dataverse =
        DataverseSettings.of(
            root.substring(0, root.length() - 1), "5b8f9c2e-1d3a-4e6f-8a7b-9c0d1e2f3a4b");
    return new MediaActivitiesImpl(
        source,
        new DataverseClient(dataverse, new StaticTokenProvider("emulator-token")),
        settings,
        null,
        registry,
        clock::get);
  }

  private static MediaAttachment attachment(
      String mediaId, String mime, Long size, String fileName, String caption) {
    return new MediaAttachment(
        SESSION,
        WORK_ITEM,
        annotationId(mediaId),
        new MediaItem(mediaId, mime, size, fileName, caption));
  }

  private static String annotationId(String mediaId) {
    return HandoffIds.annotationId(SESSION, mediaId);
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    return request;
  }

  private static MockResponse org(long maxUpload) {
    return json(200, "{\"value\":[{\"maxuploadfilesize\":" + maxUpload + "}]}");
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private static MockResponse error(int code, String errorCode, String message) {
    return json(
        code, "{\"error\":{\"code\":\"" + errorCode + "\",\"message\":\"" + message + "\"}}");
  }
}
