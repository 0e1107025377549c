package com.opencx.handoff.benchmarks.media;

import com.opencx.handoff.emulators.DemoData;
import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.emulators.opencx.OpenCxEmulator;
import com.opencx.handoff.emulators.opencx.Session;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

/**
 * The emulators {@link MediaHeapBenchmark} uploads to, in a JVM of their own so that the
 * benchmark's heap holds the uploading client alone (the Dataverse emulator keeps every block and
 * the committed note, which would swamp the client's live heap). Seeds one OpenCX session with one
 * media item per size asked for (bytes from {@link #file}), prints {@code READY <openCxUrl>
 * <dataverseUrl> <workItemId>}, then answers {@code CHECK <annotationId> <size>} lines on stdin
 * with {@code OK} or {@code MISMATCH} (the stored note's decoded file against the expected bytes,
 * the note then removed) until stdin closes.
 */
final class MediaEmulators {

  static final String SESSION = "media-heap-session";
  static final String OPENCX_KEY = "opencx-benchmark-key";
  static final String DATAVERSE_TOKEN = "dataverse-benchmark-token";

  private MediaEmulators() {}

  /** The benchmark's file of {@code size} bytes: random, the same in both JVMs. */
  static byte[] file(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  static String mediaId(int size) {
    return "file-" + size;
  }

  /** Arguments: the file sizes in bytes. */
  public static void main(String[] args) throws Exception {
    OpenCxEmulator openCx = OpenCxEmulator.start(0, OPENCX_KEY);
    DataverseEmulator dataverse = DataverseEmulator.start(0, DATAVERSE_TOKEN);
    dataverse.addWorkstream(DemoData.WORKSTREAM_ID, DemoData.WORKSTREAM_NAME, 192300000);
    String workItem =
        dataverse.addRecord(
            "msdyn_ocliveworkitems",
            Map.of("activityid", "7d5f7a3e-1b2c-4d5e-8f90-123456789abc", "subject", "media"));
    dataverse.setMaxUploadFileSize(Integer.MAX_VALUE);
    openCx.addSession(
        new Session(
            SESSION,
            "whatsapp",
            "handed_off",
            "Benchmark",
            null,
            null,
            "media heap benchmark",
            Instant.now(),
            workItem));
    for (String arg : args) {
      int size = Integer.parseInt(arg);
      openCx.addMedia(SESSION, mediaId(size), "video/mp4", file(size));
    }
    System.out.println(
        "READY " + openCx.baseUrl() + " " + dataverse.environmentUrl() + " " + workItem);
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] words = line.split(" ");
      Object body =
          dataverse
              .record("annotations", words[1])
              .map(note -> note.get("documentbody"))
              .orElse(null);
      boolean same =
          body instanceof String
              && Arrays.equals(
                  Base64.getDecoder().decode((String) body), file(Integer.parseInt(words[2])));
      dataverse.removeRecord("annotations", words[1]); // keeps this JVM's heap from growing
      System.out.println(same ? "OK" : "MISMATCH");
      System.out.flush();
    }
    openCx.close();
    dataverse.close();
  }
}
