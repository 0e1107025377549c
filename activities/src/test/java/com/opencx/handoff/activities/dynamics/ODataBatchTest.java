package com.opencx.handoff.activities.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading $batch answers in the shapes servers send; writing is checked in the activity tests. */
class ODataBatchTest {

  @Test
  void readsASuccessfulChangeSetWithQuotedBoundariesAndBareLineFeeds() {
    String answer =
        """
        --batchresponse_a
        Content-Type: multipart/mixed; boundary="changesetresponse_b"

        --changesetresponse_b
        Content-Type: application/http
        Content-Transfer-Encoding: binary
        Content-ID: 1

        HTTP/1.1 204 No Content
        OData-Version: 4.0
        OData-EntityId: https://org.crm.dynamics.com/api/data/v9.2/msdyn_ocliveworkitems(1)


        --changesetresponse_b
        Content-Type: application/http
        Content-Transfer-Encoding: binary
        Content-ID: 2

        HTTP/1.1 201 Created
        Content-Type: application/json

        {"msdyn_name":"sessionId"}
        --changesetresponse_b--
        --batchresponse_a--
        """;

    List<ODataBatch.PartResponse> parts =
        ODataBatch.parse(
            "multipart/mixed; boundary=\"batchresponse_a\"",
            answer.getBytes(StandardCharsets.UTF_8));

    assertThat(parts).extracting(ODataBatch.PartResponse::contentId).containsExactly("1", "2");
    assertThat(parts).extracting(ODataBatch.PartResponse::status).containsExactly(204, 201);
    assertThat(parts.get(0).headers()).containsKey("odata-entityid");
    assertThat(parts.get(1).body()).isEqualTo("{\"msdyn_name\":\"sessionId\"}");
    assertThat(parts).allMatch(ODataBatch.PartResponse::ok);
  }

  @Test
  void readsTheSingleResponseOfAFailedChangeSet() {
    String answer =
        "--batchresponse_x\r\n"
            + "Content-Type: application/http\r\n"
            + "Content-Transfer-Encoding: binary\r\n\r\n"
            + "HTTP/1.1 429 Too Many Requests\r\n"
            + "Retry-After: 12\r\n"
            + "Content-Type: application/json\r\n\r\n"
            + "{\"error\":{\"code\":\"0x80072322\",\"message\":\"slow down\"}}\r\n"
            + "--batchresponse_x--\r\n";

    List<ODataBatch.PartResponse> parts =
        ODataBatch.parse(
            "multipart/mixed; boundary=batchresponse_x", answer.getBytes(StandardCharsets.UTF_8));

    assertThat(parts).hasSize(1);
    ODataBatch.PartResponse part = parts.get(0);
    assertThat(part.contentId()).isNull();
    assertThat(part.ok()).isFalse();
    DataverseException error = DataverseException.fromBatchPart(part, "PATCH x in $batch");
    assertThat(error.status()).isEqualTo(429);
    assertThat(error.errorCode()).isEqualTo("0x80072322");
    assertThat(error.retryAfter()).hasSeconds(12);
  }

  @Test
  void boundariesAreStablePerSeedAndDifferBetweenSeeds() {
    assertThat(ODataBatch.batchBoundary("w1")).isEqualTo(ODataBatch.batchBoundary("w1"));
    assertThat(ODataBatch.batchBoundary("w1")).isNotEqualTo(ODataBatch.batchBoundary("w2"));
    assertThat(ODataBatch.changesetBoundary("w1")).startsWith("changeset_");
  }
}
