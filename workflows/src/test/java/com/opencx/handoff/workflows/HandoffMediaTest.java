package com.opencx.handoff.workflows;

import static com.opencx.handoff.workflows.HandoffWorkflowTest.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.opencx.handoff.workflows.activities.AuditActivities.AuditEvent;
import com.opencx.handoff.workflows.activities.FailureTypes;
import com.opencx.handoff.workflows.activities.MediaActivities.MediaAttachment;
import com.opencx.handoff.workflows.model.HandoffStatus;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.MediaOutcome;
import com.opencx.handoff.workflows.model.Phase;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Step 4's failures (SPEC §6): whatever keeps a file off the conversation — Dynamics refusing it,
 * retries running out, a type or size the activity refuses — the rep gets a note naming it, the
 * audit gets a {@code media.skipped} event, and the status shows both.
 */
class HandoffMediaTest {

  @RegisterExtension static final TestWorkflowExtension TEMPORAL = HandoffFixtures.extension();

  private final HandoffFixtures acts = new HandoffFixtures();

  @Test
  void everyFileNotAttachedGetsANoteAndAnAuditEvent(TestWorkflowEnvironment env, Worker worker) {
    MediaItem refused = new MediaItem("m-exe", "application/pdf", 1200L, "invoice.pdf", null);
    MediaItem flaky = new MediaItem("m-flaky", "image/jpeg", 2048L, "photo.jpg", null);
    MediaItem large = new MediaItem("m-large", "video/mp4", 90_000_000L, "clip.mp4", null);
    MediaItem fine = new MediaItem("m-fine", "image/png", 512L, "ok.png", null);
    when(acts.media.attachMedia(argThat(a -> a != null && a.item().equals(refused))))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "400 0x80043e09: The attachment is either not a valid type or is too large.",
                FailureTypes.DATAVERSE_BAD_REQUEST));
    when(acts.media.attachMedia(argThat(a -> a != null && a.item().equals(flaky))))
        .thenThrow(ApplicationFailure.newFailure("503", FailureTypes.DATAVERSE_UNAVAILABLE));
    when(acts.media.attachMedia(argThat(a -> a != null && a.item().equals(large))))
        .thenAnswer(
            call -> {
              MediaAttachment a = call.getArgument(0);
              return new MediaOutcome(
                  "m-large", MediaOutcome.Status.Skipped, a.annotationId(), "too large");
            });
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.stub(env, worker, "s-media");
    WorkflowClient.start(
        handoff::run,
        HandoffFixtures.request(
            "s-media", Instant.ofEpochMilli(env.currentTimeMillis()), refused, flaky, large, fine),
        null);
    env.sleep(Duration.ofMinutes(31)); // the flaky transfer's 30-minute budget runs out

    HandoffStatus status =
        awaitStatus(
            handoff,
            s ->
                s.phase() == Phase.HandedOff
                    && s.media().size() == 4
                    && s.media().stream()
                        .allMatch(
                            m ->
                                m.status() == MediaOutcome.Status.Attached
                                    || m.auditEventId() != null));

    verify(acts.media)
        .noteNotAttached(
            argThat(a -> a.item().equals(refused)),
            argThat(r -> r.startsWith("Dynamics refused the file") && r.contains("0x80043e09")));
    verify(acts.media)
        .noteNotAttached(
            argThat(a -> a.item().equals(flaky)),
            argThat(r -> r.startsWith("its transfer kept failing until its retries ran out")));
    verify(acts.media, never()).noteNotAttached(argThat(a -> a.item().equals(large)), any());
    Map<String, MediaOutcome> byId =
        status.media().stream()
            .collect(Collectors.toMap(MediaOutcome::mediaId, Function.identity()));
    for (String skipped : new String[] {"m-exe", "m-flaky", "m-large"}) {
      MediaOutcome outcome = byId.get(skipped);
      assertThat(outcome.status()).isEqualTo(MediaOutcome.Status.Skipped);
      assertThat(outcome.annotationId()).isEqualTo(HandoffIds.annotationId("s-media", skipped));
      String eventId = "whatsapp-handoff-s-media:media.skipped:" + skipped;
      assertThat(outcome.auditEventId()).isEqualTo(eventId);
      verify(acts.audit)
          .writeAuditEvent(
              argThat(
                  (AuditEvent e) ->
                      e.eventId().equals(eventId)
                          && e.type().equals("media.skipped")
                          && skipped.equals(e.details().get("mediaId"))
                          && "true".equals(e.details().get("noteWritten"))));
    }
    assertThat(byId.get("m-fine").auditEventId()).isNull();
    verify(acts.audit, never())
        .writeAuditEvent(argThat((AuditEvent e) -> e.eventId().endsWith(":m-fine")));
  }

  @Test
  void aNoteThatCannotBeWrittenEitherIsStillAudited(TestWorkflowEnvironment env, Worker worker) {
    MediaItem photo = new MediaItem("m-1", "image/jpeg", 2048L, "photo.jpg", null);
    when(acts.media.attachMedia(any()))
        .thenThrow(ApplicationFailure.newFailure("403", FailureTypes.DATAVERSE_FORBIDDEN));
    when(acts.media.noteNotAttached(any(), any()))
        .thenThrow(ApplicationFailure.newFailure("403", FailureTypes.DATAVERSE_FORBIDDEN));
    acts.register(env, worker);
    env.start();
    HandoffWorkflow handoff = HandoffFixtures.stub(env, worker, "s-no-note");
    WorkflowClient.start(
        handoff::run,
        HandoffFixtures.request("s-no-note", Instant.ofEpochMilli(env.currentTimeMillis()), photo),
        null);

    HandoffStatus status =
        awaitStatus(handoff, s -> s.media().size() == 1 && s.media().get(0).auditEventId() != null);
    MediaOutcome outcome = status.media().get(0);
    assertThat(outcome.annotationId()).isNull();
    assertThat(outcome.reason())
        .startsWith("this service may not add files to the conversation")
        .contains("no note could be written");
    verify(acts.audit)
        .writeAuditEvent(
            argThat(
                (AuditEvent e) ->
                    e.type().equals("media.skipped")
                        && "false".equals(e.details().get("noteWritten"))));
    verify(acts.media).noteNotAttached(any(), eq(outcome.reason().split("; no note")[0]));
  }
}
