package com.opencx.handoff.emulators.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.emulators.DemoData;
import com.opencx.handoff.emulators.TestHttp;
import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.emulators.directline.Channel;
import com.opencx.handoff.emulators.directline.DirectLineEmulator;
import com.opencx.handoff.emulators.opencx.OpenCxEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The control API over real HTTP on each emulator: every control, the key check, off until enabled,
 * and a 400 naming the field for a bad fault.
 */
class ControlApiTest {

  private static final String KEY = "test-control-key";
  private static final String TOKEN = "dv-token";
  private static final String API_KEY = "ocx-key";
  private static final String CONTACTS = DataverseEmulator.API_PATH + "contacts";

  private final DataverseEmulator dataverse = DataverseEmulator.start(0, TOKEN);
  private final OpenCxEmulator openCx = OpenCxEmulator.start(0, API_KEY);
  private final TestHttp dvApi = new TestHttp(dataverse.environmentUrl(), TOKEN);
  private final TestHttp dvControl = new TestHttp(dataverse.environmentUrl(), KEY);
  private final TestHttp ocxApi = new TestHttp(openCx.baseUrl(), API_KEY);
  private final TestHttp ocxControl = new TestHttp(openCx.baseUrl(), KEY);

  @AfterEach
  void close() {
    dataverse.close();
    openCx.close();
  }

  @Test
  void isOffUntilAControlKeyIsConfigured() throws Exception {
    String fault = "{\"kind\":\"STATUS\",\"status\":503}";

    assertThat(dvApi.send("POST", "/emulator/faults", fault).status()).isEqualTo(404);
    assertThat(dvControl.send("POST", "/emulator/faults", fault).status()).isEqualTo(401);
    assertThat(ocxApi.send("POST", "/emulator/faults", fault).status()).isEqualTo(404);
    assertThat(dataverse.armedFaults()).isEmpty();
    assertThat(openCx.armedFaults()).isEmpty();
    assertThat(dvApi.get(CONTACTS).status()).isEqualTo(200);
  }

  @Test
  void refusesAMissingOrWrongKeyAndTheApiCredential() throws Exception {
    dataverse.enableControlApi(KEY);
    String fault = "{\"kind\":\"STATUS\",\"status\":503}";

    TestHttp.Result none =
        new TestHttp(dataverse.environmentUrl(), null).send("POST", "/emulator/faults", fault);
    TestHttp.Result wrong =
        new TestHttp(dataverse.environmentUrl(), KEY + "x").send("POST", "/emulator/faults", fault);
    TestHttp.Result apiToken = dvApi.send("POST", "/emulator/faults", fault);

    assertThat(List.of(none.status(), wrong.status(), apiToken.status())).containsOnly(401);
    assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(dataverse.armedFaults()).isEmpty();
  }

  @Test
  void armsListsAndClearsFaults() throws Exception {
    dataverse.enableControlApi(KEY);

    TestHttp.Result armed =
        dvControl.send(
            "POST",
            "/emulator/faults",
            "{\"method\":\"get\",\"pathContains\":\"contacts\",\"kind\":\"status\",\"status\":403,"
                + "\"errorCode\":\"0x80040220\",\"errorMessage\":\"no Read privilege\",\"times\":2}");

    assertThat(armed.status()).isEqualTo(201);
    assertThat(dvControl.get("/emulator/faults").json().get("faults"))
        .asList()
        .singleElement()
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("method", "GET")
        .containsEntry("kind", "STATUS")
        .containsEntry("times", 2);
    TestHttp.Result refused = dvApi.get(CONTACTS);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.errorCode()).isEqualTo("0x80040220");
    assertThat(refused.errorMessage()).isEqualTo("no Read privilege");
    assertThat(dataverse.armedFaults()).singleElement().extracting(Fault::times).isEqualTo(1);

    assertThat(dvControl.send("DELETE", "/emulator/faults", null).json())
        .containsEntry("cleared", 1);
    assertThat(dvApi.get(CONTACTS).status()).isEqualTo(200);
    assertThat(dataverse.armedFaults()).isEmpty();
  }

  @Test
  void aLatencyFaultDelaysAndControlCallsAreNotCounted() throws Exception {
    openCx.enableControlApi(KEY);
    ocxControl.send(
        "POST",
        "/emulator/faults",
        "{\"pathContains\":\"/v1/templates\",\"kind\":\"LATENCY\",\"delayMs\":300}");

    long start = System.nanoTime();
    assertThat(ocxApi.get("/v1/templates").status()).isEqualTo(200);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(290));
    Map<String, Object> requests = ocxControl.get("/emulator/requests").json();
    assertThat(requests).containsEntry("count", 1);
    assertThat(requests.get("log")).asList().containsExactly("GET /v1/templates 200");
    ocxControl.send("DELETE", "/emulator/requests", null);
    assertThat(openCx.requestCount()).isZero();
  }

  @Test
  void badFaultJsonIsA400NamingTheField() throws Exception {
    dataverse.enableControlApi(KEY);

    assertThat(field(dvControl.send("POST", "/emulator/faults", "{\"status\":403}")))
        .isEqualTo("kind");
    assertThat(field(dvControl.send("POST", "/emulator/faults", "{\"kind\":\"BOOM\"}")))
        .isEqualTo("kind");
    assertThat(field(dvControl.send("POST", "/emulator/faults", "{\"kind\":\"STATUS\"}")))
        .isEqualTo("status");
    assertThat(
            field(
                dvControl.send("POST", "/emulator/faults", "{\"kind\":\"STATUS\",\"status\":200}")))
        .isEqualTo("status");
    assertThat(
            field(
                dvControl.send(
                    "POST", "/emulator/faults", "{\"kind\":\"STATUS\",\"status\":\"403\"}")))
        .isEqualTo("status");
    assertThat(field(dvControl.send("POST", "/emulator/faults", "{\"kind\":\"LATENCY\"}")))
        .isEqualTo("delayMs");
    assertThat(
            field(
                dvControl.send(
                    "POST",
                    "/emulator/faults",
                    "{\"kind\":\"STATUS\",\"status\":503,\"times\":0}")))
        .isEqualTo("times");
    assertThat(
            field(
                dvControl.send(
                    "POST", "/emulator/faults", "{\"kind\":\"STATUS\",\"status\":503,\"tims\":2}")))
        .isEqualTo("tims");
    assertThat(
            field(
                dvControl.send(
                    "POST",
                    "/emulator/faults",
                    "{\"kind\":\"STATUS\",\"status\":503,\"method\":\"FETCH\"}")))
        .isEqualTo("method");
    assertThat(field(dvControl.send("POST", "/emulator/faults", "{not json"))).isEmpty();
    assertThat(dataverse.armedFaults()).isEmpty();
  }

  @Test
  void anInBatchFaultRefusesTheMatchingPartOnly() throws Exception {
    dataverse.enableControlApi(KEY);
    String batch =
        "--batch_A\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            + "GET contacts?$select=contactid HTTP/1.1\r\n\r\n--batch_A--\r\n";
    dvControl.send(
        "POST",
        "/emulator/faults",
        "{\"method\":\"GET\",\"pathContains\":\"contacts\",\"kind\":\"STATUS\","
            + "\"status\":403,\"inBatch\":true}");

    assertThat(dvApi.get(CONTACTS).status()).isEqualTo(200); // a whole request: not matched
    TestHttp.Result answered =
        dvApi.send(
            "POST",
            DataverseEmulator.API_PATH + "$batch",
            batch,
            "Content-Type",
            "multipart/mixed; boundary=batch_A");

    assertThat(answered.status()).isEqualTo(200);
    assertThat(answered.body()).contains("HTTP/1.1 403");
    assertThat(dataverse.armedFaults()).isEmpty();
    assertThat(
            field(
                dvControl.send(
                    "POST",
                    "/emulator/faults",
                    "{\"kind\":\"LATENCY\",\"delayMs\":5,\"inBatch\":true}")))
        .isEqualTo("inBatch");
  }

  @Test
  void setsReadsAndLiftsLimits() throws Exception {
    dataverse.enableControlApi(KEY);

    TestHttp.Result set =
        dvControl.send(
            "POST",
            "/emulator/limits",
            "{\"requests\":1,\"windowSeconds\":300,\"retryAfterSeconds\":9,\"concurrency\":4}");

    assertThat(set.json())
        .containsEntry("requests", 1)
        .containsEntry("windowSeconds", 300)
        .containsEntry("retryAfterSeconds", 9)
        .containsEntry("concurrency", 4);
    assertThat(dvApi.get(CONTACTS).status()).isEqualTo(200);
    TestHttp.Result throttled = dvApi.get(CONTACTS);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).isEqualTo("9");
    assertThat(dvControl.get("/emulator/limits").status()).isEqualTo(200); // not throttled itself
    assertThat(field(dvControl.send("POST", "/emulator/limits", "{\"requests\":5}")))
        .isEqualTo("windowSeconds");
    assertThat(field(dvControl.send("POST", "/emulator/limits", "{}"))).isEqualTo("requests");

    assertThat(dvControl.send("DELETE", "/emulator/limits", null).json())
        .containsEntry("requests", null)
        .containsEntry("concurrency", null);
    assertThat(dvApi.get(CONTACTS).status()).isEqualTo(200);
  }

  @Test
  void rotatesTheAcceptedTokenAndRestoresIt() throws Exception {
    dataverse.enableControlApi(KEY);

    assertThat(dvControl.send("POST", "/emulator/token", "{\"token\":\"rotated\"}").status())
        .isEqualTo(200);

    TestHttp.Result refused = dvApi.get(CONTACTS);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(new TestHttp(dataverse.environmentUrl(), "rotated").get(CONTACTS).status())
        .isEqualTo(200);
    assertThat(field(dvControl.send("POST", "/emulator/token", "{}"))).isEqualTo("token");

    dvControl.send("DELETE", "/emulator/token", null);
    assertThat(dvApi.get(CONTACTS).status()).isEqualTo(200);
  }

  @Test
  void seedsContactsAndWorkstreams() throws Exception {
    dataverse.enableControlApi(KEY);

    TestHttp.Result contact =
        dvControl.send(
            "POST",
            "/emulator/contacts",
            "{\"firstname\":\"Ada\",\"mobilephone\":\"+14155550199\"}");
    TestHttp.Result workstream =
        dvControl.send(
            "POST",
            "/emulator/workstreams",
            "{\"id\":\"11111111-2222-4333-8444-555555555555\",\"name\":\"Backup\"}");

    assertThat(contact.status()).isEqualTo(201);
    String id = (String) contact.json().get("contactid");
    assertThat(dataverse.record("contacts", id).orElseThrow()).containsEntry("firstname", "Ada");
    assertThat(workstream.status()).isEqualTo(201);
    assertThat(
            dataverse
                .record("msdyn_liveworkstreams", "11111111-2222-4333-8444-555555555555")
                .orElseThrow())
        .containsEntry("msdyn_streamsource", DemoData.WHATSAPP_STREAM_SOURCE);
    TestHttp.Result badColumn =
        dvControl.send("POST", "/emulator/contacts", "{\"favouritecolour\":\"blue\"}");
    assertThat(badColumn.status()).isEqualTo(400);
    assertThat(badColumn.errorMessage()).contains("favouritecolour");
    assertThat(
            field(dvControl.send("POST", "/emulator/workstreams", "{\"name\":\"x\",\"id\":\"7\"}")))
        .isEqualTo("id");
  }

  @Test
  void seedsSessionsCopyingAnotherAndShowsThem() throws Exception {
    DemoData.seedOpenCx(openCx, java.time.Clock.systemUTC());
    openCx.enableControlApi(KEY);

    TestHttp.Result created =
        ocxControl.send(
            "POST",
            "/emulator/sessions",
            "{\"sessionId\":\"s-2\",\"copyOf\":\"demo-session-1\",\"status\":\"handed_off\","
                + "\"dynamics365ChatId\":\"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\"}");

    assertThat(created.status()).isEqualTo(201);
    Map<String, Object> seen = ocxApi.get("/v1/sessions/s-2").json();
    assertThat(seen).containsEntry("status", "handed_off").containsEntry("channel", "whatsapp");
    assertThat(seen.get("customer").toString()).contains(DemoData.CUSTOMER_PHONE);
    assertThat(seen.get("meta").toString()).contains("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
    assertThat(ocxControl.get("/emulator/sessions/s-2").json()).containsEntry("id", "s-2");
    assertThat(ocxControl.get("/emulator/sessions/nope").status()).isEqualTo(404);
    assertThat(
            field(ocxControl.send("POST", "/emulator/sessions", "{\"copyOf\":\"demo-session-1\"}")))
        .isEqualTo("sessionId");
    assertThat(
            field(
                ocxControl.send(
                    "POST", "/emulator/sessions", "{\"sessionId\":\"s\",\"status\":\"gone\"}")))
        .isEqualTo("status");
  }

  @Test
  void directLineTakesFaultsBesideTheRepConsole() throws Exception {
    try (DirectLineEmulator directLine =
        DirectLineEmulator.start(
            0, 0, KEY, dataverse, new Channel("dl-secret", DemoData.WORKSTREAM_ID, "bot"))) {
      TestHttp control = new TestHttp(directLine.baseUrl(), KEY);
      TestHttp channel = new TestHttp(directLine.baseUrl(), "dl-secret");

      control.send(
          "POST",
          "/emulator/faults",
          "{\"method\":\"POST\",\"pathContains\":\"/conversations\",\"kind\":\"STATUS\","
              + "\"status\":503,\"retryAfterSeconds\":4}");
      TestHttp.Result refused = channel.send("POST", "/v3/directline/conversations", null);

      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.header("Retry-After")).isEqualTo("4");
      assertThat(channel.send("POST", "/v3/directline/conversations", null).status())
          .isEqualTo(201);
      assertThat(control.get("/emulator/directline/conversations").status()).isEqualTo(200);
      assertThat(channel.get("/emulator/faults").status()).isEqualTo(401);
      assertThat(control.send("POST", "/emulator/token", "{\"token\":\"x\"}").status())
          .isEqualTo(404); // per-channel secrets: no single token to rotate
    }
  }

  @SuppressWarnings("unchecked")
  private static String field(TestHttp.Result result) {
    assertThat(result.status()).as(result.body()).isEqualTo(400);
    return (String) ((Map<String, Object>) result.json().get("error")).get("field");
  }
}
