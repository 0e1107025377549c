package com.opencx.handoff.activities.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Reads a {@code $batch} request the way a server would check it, and writes Dataverse-shaped
 * answers. Written from the OData multipart format, not from the code under test.
 */
final class BatchFormat {

  /** One request of the change set as sent. */
  record SentPart(String contentId, String requestLine, List<String> headers, JsonNode json) {}

  private static final Pattern BATCH_TYPE =
      Pattern.compile("multipart/mixed; boundary=(batch_[0-9a-f-]{36})");

  private BatchFormat() {}

  /** Checks the envelope (CRLF, one change set, closing delimiters) and returns its requests. */
  static List<SentPart> changeSet(RecordedRequest request) throws Exception {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/data/v9.2/$batch");
    Matcher type = BATCH_TYPE.matcher(request.getHeaders().get("Content-Type"));
    assertThat(type.matches())
        .as("Content-Type %s", request.getHeaders().get("Content-Type"))
        .isTrue();
    String batch = type.group(1);
    String body = request.getBody().utf8();
    assertThat(body.replace("\r\n", "")).as("only CRLF line ends").doesNotContain("\n");

    String[] lines = body.split("\r\n", -1);
    assertThat(lines[0]).isEqualTo("--" + batch);
    assertThat(lines[1]).matches("Content-Type: multipart/mixed; boundary=changeset_[0-9a-f-]{36}");
    String changeset = lines[1].substring(lines[1].indexOf('=') + 1);
    assertThat(lines[2]).isEmpty();
    assertThat(body).endsWith("\r\n--" + changeset + "--\r\n\r\n--" + batch + "--\r\n");

    List<SentPart> parts = new ArrayList<>();
    int i = 3;
    while (lines[i].equals("--" + changeset)) {
      assertThat(lines[i + 1]).isEqualTo("Content-Type: application/http");
      assertThat(lines[i + 2]).isEqualTo("Content-Transfer-Encoding: binary");
      assertThat(lines[i + 3]).startsWith("Content-ID: ");
      assertThat(lines[i + 4]).isEmpty();
      String contentId = lines[i + 3].substring("Content-ID: ".length());
      String requestLine = lines[i + 5];
      List<String> headers = new ArrayList<>();
      int j = i + 6;
      while (!lines[j].isEmpty()) {
        headers.add(lines[j++]);
      }
      JsonNode json = DataverseTestServer.JSON.readTree(lines[j + 1]);
      parts.add(new SentPart(contentId, requestLine, headers, json));
      i = j + 2;
    }
    assertThat(lines[i]).isEqualTo("--" + changeset + "--");
    return parts;
  }

  /** A 200 {@code $batch} answer whose change set answers each request with {@code status}. */
  static MockResponse answered(int count, String status) {
    String batch = "batchresponse_1b9d3f6e-0000-4000-8000-000000000001";
    String changeset = "changesetresponse_1b9d3f6e-0000-4000-8000-000000000002";
    StringBuilder body = new StringBuilder();
    body.append("--").append(batch).append("\r\n");
    body.append("Content-Type: multipart/mixed; boundary=").append(changeset).append("\r\n\r\n");
    for (int id = 1; id <= count; id++) {
      body.append("--").append(changeset).append("\r\n");
      body.append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
      body.append("Content-ID: ").append(id).append("\r\n\r\n");
      body.append("HTTP/1.1 ").append(status).append("\r\nOData-Version: 4.0\r\n\r\n\r\n");
    }
    body.append("--").append(changeset).append("--\r\n");
    body.append("--").append(batch).append("--\r\n");
    return multipart(200, batch, body.toString());
  }

  /**
   * A {@code $batch} answer for a failed change set: the single failing response, with or without
   * {@code Content-ID}, with or without a change set wrapper.
   */
  static MockResponse failed(String contentId, String status, String errorJson, boolean wrapped) {
    String batch = "batchresponse_1b9d3f6e-0000-4000-8000-000000000003";
    String changeset = "changesetresponse_1b9d3f6e-0000-4000-8000-000000000004";
    StringBuilder part = new StringBuilder();
    part.append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
    if (contentId != null) {
      part.append("Content-ID: ").append(contentId).append("\r\n");
    }
    part.append("\r\nHTTP/1.1 ").append(status).append("\r\n");
    part.append("Content-Type: application/json; odata.metadata=minimal\r\n");
    part.append("OData-Version: 4.0\r\n\r\n").append(errorJson).append("\r\n");
    StringBuilder body = new StringBuilder("--").append(batch).append("\r\n");
    if (wrapped) {
      body.append("Content-Type: multipart/mixed; boundary=\"")
          .append(changeset)
          .append("\"\r\n\r\n");
      body.append("--").append(changeset).append("\r\n").append(part);
      body.append("--").append(changeset).append("--\r\n");
    } else {
      body.append(part);
    }
    body.append("--").append(batch).append("--\r\n");
    return multipart(200, batch, body.toString());
  }

  private static MockResponse multipart(int code, String boundary, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "multipart/mixed; boundary=" + boundary)
        .setHeader("OData-Version", "4.0")
        .body(body)
        .build();
  }
}
