package com.opencx.handoff.emulators.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.emulators.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DataverseBatchTest extends DataverseTestSupport {

  private static final String CRLF = "\r\n";
  private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3})");

  @Test
  void changeSetCreatesWorkItemAndContextItemsInOneRequest() throws Exception {
    String item1 = "a1b2c3d4-0000-4000-8000-000000000001";
    String item2 = "a1b2c3d4-0000-4000-8000-000000000002";
    String body =
        "--batch_1"
            + CRLF
            + "Content-Type: multipart/mixed; boundary=changeset_1"
            + CRLF
            + CRLF
            + part(
                "changeset_1",
                1,
                "PATCH "
                    + dataverse.environmentUrl()
                    + API
                    + "msdyn_ocliveworkitems("
                    + WORK_ITEM
                    + ") HTTP/1.1",
                TestHttp.json(workItem("Refund")),
                "If-None-Match: *")
            + part(
                "changeset_1",
                2,
                "PATCH msdyn_ocliveworkitemcontextitems(" + item1 + ") HTTP/1.1",
                TestHttp.json(
                    Map.of(
                        "msdyn_name", "sessionId",
                        "msdyn_value", "s-1",
                        "msdyn_ocliveworkitemid@odata.bind", "$1")),
                "If-None-Match: *")
            + part(
                "changeset_1",
                3,
                "PATCH " + API + "msdyn_ocliveworkitemcontextitems(" + item2 + ") HTTP/1.1",
                TestHttp.json(
                    Map.of(
                        "msdyn_name",
                        "channel",
                        "msdyn_value",
                        "whatsapp",
                        "msdyn_ocliveworkitemid@odata.bind",
                        "/msdyn_ocliveworkitems(" + WORK_ITEM + ")")),
                "If-None-Match: *")
            + "--changeset_1--"
            + CRLF
            + "--batch_1"
            + CRLF
            + "Content-Type: application/http"
            + CRLF
            + "Content-Transfer-Encoding: binary"
            + CRLF
            + CRLF
            + "GET msdyn_ocliveworkitems("
            + WORK_ITEM
            + ")?$select=subject HTTP/1.1"
            + CRLF
            + "Accept: application/json"
            + CRLF
            + CRLF
            + "--batch_1--"
            + CRLF;

    TestHttp.Result result = batch(body);

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.header("Content-Type"))
        .startsWith("multipart/mixed; boundary=batchresponse_");
    assertThat(statuses(result.body())).containsExactly(204, 204, 204, 200);
    assertThat(result.body())
        .contains("Content-Type: multipart/mixed; boundary=changesetresponse_")
        .contains("Content-ID: 3" + CRLF)
        .contains("OData-EntityId: " + dataverse.environmentUrl() + API + "msdyn_ocliveworkitems(")
        .contains("\"subject\":\"Refund\"")
        .matches("(?s).*\r\n--batchresponse_[^\r\n]+--\r\n$");
    assertThat(result.body().replace("\r\n", "")).doesNotContain("\n");
    assertThat(dataverse.records("msdyn_ocliveworkitemcontextitems"))
        .allSatisfy(
            row -> assertThat(row).containsEntry("_msdyn_ocliveworkitemid_value", WORK_ITEM))
        .hasSize(2);
    assertThat(dataverse.requestCount()).isEqualTo(1);
    assertThat(dataverse.requestLog())
        .singleElement()
        .asString()
        .startsWith("POST " + API + "$batch 200");
  }

  @Test
  void failingChangeSetRollsBackAndAnswersOnlyTheFailure() throws Exception {
    String body =
        lf("--batch_2")
            + lf("Content-Type: multipart/mixed; boundary=\"changeset_2\"")
            + lf("")
            + lf("--changeset_2")
            + lf("Content-Type: application/http")
            + lf("Content-Transfer-Encoding: binary")
            + lf("Content-ID: 1")
            + lf("")
            + lf("PATCH msdyn_ocliveworkitems(" + WORK_ITEM + ") HTTP/1.1")
            + lf("Content-Type: application/json")
            + lf("If-None-Match: *")
            + lf("")
            + lf(TestHttp.json(workItem("Refund")))
            + lf("--changeset_2")
            + lf("Content-Type: application/http")
            + lf("Content-Transfer-Encoding: binary")
            + lf("Content-ID: 2")
            + lf("")
            + lf("POST msdyn_ocliveworkitemcontextitems HTTP/1.1")
            + lf("Content-Type: application/json")
            + lf("")
            + lf("{\"msdyn_name\":\"sessionId\",\"msdyn_key\":\"s-1\"}")
            + lf("--changeset_2--")
            + lf("--batch_2")
            + lf("Content-Type: application/http")
            + lf("Content-Transfer-Encoding: binary")
            + lf("")
            + lf("GET contacts HTTP/1.1")
            + lf("")
            + lf("--batch_2--");

    TestHttp.Result result = batch("batch_2", body);

    assertThat(result.status()).isEqualTo(200);
    assertThat(statuses(result.body()))
        .as("only the failure; later parts not run")
        .containsExactly(400);
    assertThat(result.body())
        .contains("changesetresponse_")
        .contains("Content-ID: 2")
        .contains("'msdyn_key'")
        .doesNotContain("Content-ID: 1");
    assertThat(dataverse.record("msdyn_ocliveworkitems", WORK_ITEM)).as("rolled back").isEmpty();
    assertThat(dataverse.records("msdyn_ocliveworkitemcontextitems")).isEmpty();
  }

  @Test
  void continueOnErrorRunsTheRemainingParts() throws Exception {
    String body =
        lf("--batch_3")
            + single("GET nonsense_set HTTP/1.1")
            + lf("--batch_3")
            + single("GET contacts?$select=contactid HTTP/1.1")
            + lf("--batch_3--");

    TestHttp.Result stop = batch("batch_3", body);
    TestHttp.Result go = batch("batch_3", body, "Prefer", "odata.continue-on-error");

    assertThat(statuses(stop.body())).containsExactly(400);
    assertThat(statuses(go.body())).containsExactly(400, 200);
    assertThat(go.header("Preference-Applied")).isEqualTo("odata.continue-on-error");
  }

  @Test
  void malformedBatchIsRefusedAsAWhole() throws Exception {
    TestHttp.Result noBoundary =
        http.send("POST", API + "$batch", "--x--", "Content-Type", "application/json");
    TestHttp.Result unterminated =
        batch("batch_4", lf("--batch_4") + single("GET contacts HTTP/1.1"));

    assertThat(noBoundary.status()).isEqualTo(400);
    assertThat(noBoundary.errorMessage()).contains("multipart/mixed");
    assertThat(unterminated.status()).isEqualTo(400);
    assertThat(unterminated.errorMessage()).contains("--batch_4--");
  }

  private TestHttp.Result batch(String body) throws Exception {
    return batch("batch_1", body);
  }

  private TestHttp.Result batch(String boundary, String body, String... headers) throws Exception {
    List<String> all =
        new ArrayList<>(List.of("Content-Type", "multipart/mixed; boundary=" + boundary));
    all.addAll(List.of(headers));
    return http.send("POST", API + "$batch", body, all.toArray(String[]::new));
  }

  private static String part(
      String boundary, int contentId, String requestLine, String json, String... headers) {
    StringBuilder sb = new StringBuilder();
    sb.append("--").append(boundary).append(CRLF);
    sb.append("Content-Type: application/http").append(CRLF);
    sb.append("Content-Transfer-Encoding: binary").append(CRLF);
    sb.append("Content-ID: ").append(contentId).append(CRLF).append(CRLF);
    sb.append(requestLine).append(CRLF);
    sb.append("Content-Type: application/json").append(CRLF);
    for (String header : headers) {
      sb.append(header).append(CRLF);
    }
    sb.append(CRLF).append(json).append(CRLF);
    return sb.toString();
  }

  private static String single(String requestLine) {
    return lf("Content-Type: application/http")
        + lf("Content-Transfer-Encoding: binary")
        + lf("")
        + lf(requestLine)
        + lf("");
  }

  private static String lf(String line) {
    return line + "\n";
  }

  private static List<Integer> statuses(String body) {
    List<Integer> statuses = new ArrayList<>();
    Matcher m = STATUS.matcher(body);
    while (m.find()) {
      statuses.add(Integer.parseInt(m.group(1)));
    }
    return statuses;
  }
}
