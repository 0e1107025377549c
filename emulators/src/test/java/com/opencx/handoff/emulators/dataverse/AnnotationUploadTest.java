package com.opencx.handoff.emulators.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.emulators.TestHttp;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnnotationUploadTest extends DataverseTestSupport {

  private static final String NOTE = "3e4d5c6b-7a89-4b0c-8d1e-2f3a4b5c6d7e";

  @BeforeEach
  void createWorkItem() throws Exception {
    assertThat(createWorkItem(WORK_ITEM, workItem("Refund")).status()).isEqualTo(204);
  }

  @Test
  void chunkedUploadAssemblesBlocksInBlockListOrder() throws Exception {
    byte[] content = new byte[300_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }
    String token = initialize();
    List<String> ids = List.of(blockId(0), blockId(1), blockId(2));
    // upload out of order: the BlockList decides the order
    for (int i : new int[] {2, 0, 1}) {
      byte[] chunk = Arrays.copyOfRange(content, i * 100_000, (i + 1) * 100_000);
      TestHttp.Result uploaded =
          http.send(
              "POST",
              API + "UploadBlock",
              TestHttp.json(
                  Map.of(
                      "BlockId", ids.get(i),
                      "BlockData", Base64.getEncoder().encodeToString(chunk),
                      "FileContinuationToken", token)));
      assertThat(uploaded.status()).isEqualTo(204);
    }

    TestHttp.Result committed =
        http.send(
            "POST",
            API + "CommitAnnotationBlocksUpload",
            TestHttp.json(
                Map.of("Target", target(), "BlockList", ids, "FileContinuationToken", token)));

    assertThat(committed.status()).isEqualTo(200);
    assertThat(committed.json())
        .containsEntry("AnnotationId", NOTE)
        .containsEntry("FileSizeInBytes", content.length);
    Map<String, Object> note = dataverse.record("annotations", NOTE).orElseThrow();
    assertThat(Base64.getDecoder().decode((String) note.get("documentbody"))).isEqualTo(content);
    assertThat(note)
        .containsEntry("filename", "voice.ogg")
        .containsEntry("mimetype", "audio/ogg")
        .containsEntry("_objectid_value", WORK_ITEM);
  }

  @Test
  void blockIdsMustHaveEqualLength() throws Exception {
    String token = initialize();
    upload(token, blockId(0));

    TestHttp.Result unequal = upload(token, Base64.getEncoder().encodeToString(new byte[] {1}));

    assertThat(unequal.status()).isEqualTo(400);
    assertThat(unequal.errorMessage()).contains("equal length");
  }

  @Test
  void documentBodyOverTheUploadLimitIsRefused() throws Exception {
    dataverse.setMaxUploadFileSize(100);
    Map<String, Object> note = new HashMap<>(target());
    note.remove("@odata.type");
    note.put("documentbody", Base64.getEncoder().encodeToString(new byte[200]));

    TestHttp.Result direct = http.send("POST", API + "annotations", TestHttp.json(note));

    assertThat(direct.status()).isEqualTo(400);
    assertThat(direct.errorCode()).isEqualTo("0x80044a02");

    String token = initialize();
    upload(token, blockId(0));
    TestHttp.Result commit =
        http.send(
            "POST",
            API + "CommitAnnotationBlocksUpload",
            TestHttp.json(
                Map.of(
                    "Target",
                    target(),
                    "BlockList",
                    List.of(blockId(0)),
                    "FileContinuationToken",
                    token)));
    assertThat(commit.errorCode()).isEqualTo("0x80044a02");
    assertThat(dataverse.record("annotations", NOTE)).isEmpty();
  }

  private String initialize() throws Exception {
    TestHttp.Result result =
        http.send(
            "POST",
            API + "InitializeAnnotationBlocksUpload",
            TestHttp.json(Map.of("Target", target())));
    assertThat(result.status()).isEqualTo(200);
    return (String) result.json().get("FileContinuationToken");
  }

  private TestHttp.Result upload(String token, String blockId) throws Exception {
    return http.send(
        "POST",
        API + "UploadBlock",
        TestHttp.json(
            Map.of(
                "BlockId", blockId,
                "BlockData", Base64.getEncoder().encodeToString(new byte[150]),
                "FileContinuationToken", token)));
  }

  private static Map<String, Object> target() {
    return Map.of(
        "annotationid", NOTE,
        "subject", "Voice message",
        "filename", "voice.ogg",
        "mimetype", "audio/ogg",
        "objectid_msdyn_ocliveworkitem@odata.bind", "/msdyn_ocliveworkitems(" + WORK_ITEM + ")",
        "@odata.type", "Microsoft.Dynamics.CRM.annotation");
  }

  private static String blockId(int n) {
    return Base64.getEncoder().encodeToString(String.format("block-%06d", n).getBytes());
  }
}
