package com.opencx.handoff.emulators.dataverse;

import com.opencx.handoff.emulators.TestHttp;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a fresh emulator with one WhatsApp workstream for each test. */
abstract class DataverseTestSupport {

  static final String TOKEN = "test-token";
  static final String API = DataverseEmulator.API_PATH;
  static final String WORKSTREAM = "5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f";
  static final String WORK_ITEM = "0f8fad5b-d9cb-469f-a165-70867728950e";

  DataverseEmulator dataverse;
  TestHttp http;

  @BeforeEach
  void startEmulator() {
    dataverse = DataverseEmulator.start(0, TOKEN);
    dataverse.addWorkstream(WORKSTREAM, "WhatsApp support", 192300000);
    http = new TestHttp(dataverse.environmentUrl(), TOKEN);
  }

  @AfterEach
  void stopEmulator() {
    dataverse.close();
  }

  static Map<String, Object> workItem(String subject) {
    return Map.of(
        "subject",
        subject,
        "msdyn_liveworkstreamid_msdyn_ocliveworkitem@odata.bind",
        "/msdyn_liveworkstreams(" + WORKSTREAM + ")");
  }

  TestHttp.Result createWorkItem(String id, Map<String, Object> body) throws Exception {
    return http.send(
        "PATCH",
        API + "msdyn_ocliveworkitems(" + id + ")",
        TestHttp.json(body),
        "If-None-Match",
        "*");
  }
}
