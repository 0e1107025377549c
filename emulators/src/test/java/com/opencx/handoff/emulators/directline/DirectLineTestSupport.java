package com.opencx.handoff.emulators.directline;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.emulators.TestHttp;
import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a Dataverse emulator and a Direct Line emulator over it for each test. */
abstract class DirectLineTestSupport {

  static final String SECRET = "dl-secret-whatsapp";
  static final String OTHER_SECRET = "dl-secret-other";
  static final String CONTROL_KEY = "control-key";
  static final String WORKSTREAM = "5a1c0b2e-3d4f-4a6b-8c7d-9e0f1a2b3c4d";
  static final String OTHER_WORKSTREAM = "6b2d1c3f-4e5a-4b7c-9d8e-0f1a2b3c4d5e";
  static final String BOT = "omnichannel-bot";

  DataverseEmulator dataverse;
  DirectLineEmulator directLine;
  TestHttp http;

  @BeforeEach
  void startEmulators() {
    dataverse = DataverseEmulator.start(0, "dv-token");
    dataverse.addWorkstream(WORKSTREAM, "WhatsApp", 192300000);
    dataverse.addWorkstream(OTHER_WORKSTREAM, "Other", 192300000);
    directLine =
        DirectLineEmulator.start(
            0,
            0,
            CONTROL_KEY,
            dataverse,
            new Channel(SECRET, WORKSTREAM, BOT),
            new Channel(OTHER_SECRET, OTHER_WORKSTREAM, "other-bot"));
    http = new TestHttp(directLine.baseUrl(), SECRET);
  }

  @AfterEach
  void stopEmulators() {
    directLine.close();
    dataverse.close();
  }

  /** Starts a conversation and returns the 201 body. */
  Map<String, Object> startConversation() throws Exception {
    TestHttp.Result result = http.send("POST", "/v3/directline/conversations", null);
    assertThat(result.status()).isEqualTo(201);
    return result.json();
  }

  TestHttp.Result post(String conversationId, Object activity) throws Exception {
    return http.send(
        "POST",
        "/v3/directline/conversations/" + conversationId + "/activities",
        TestHttp.json(activity));
  }

  static Map<String, Object> message(String text) {
    return Map.of("type", "message", "from", Map.of("id", "wa-14155550100"), "text", text);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> activities(TestHttp.Result result) {
    return (List<Map<String, Object>>) result.json().get("activities");
  }

  /** Polls until {@code condition} holds, for at most five seconds. */
  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
