package com.opencx.handoff.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command says when the command line, the settings or the cluster are wrong: each bad
 * argument exits 2 naming the option and its rule before anything is sent; a handoff no worker
 * answers for is still shown (from its search attributes, saying so) while an action on it exits 4;
 * a server that cannot be reached exits 4; the keys are read from the file the dev stack writes.
 */
class UsageAndOutageTest {

  static OpsHarness ops;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws IOException {
    ops = OpsHarness.onTestServer();
  }

  @AfterAll
  static void stop() {
    if (ops != null) {
      ops.close();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  void assertUsage(OpsHarness.Result result, String... fragments) {
    assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains(fragments);
  }

  @Test
  void badArgumentsAreNamedWithTheirRule() {
    assertUsage(ops.run("show", "no spaces"), "SESSION_ID", "1-128 letters, digits, '_' or '-'");
    assertUsage(ops.run("skip", "x".repeat(129)), "SESSION_ID", "129 characters given");
    assertUsage(ops.run("retry", "s-1", "--workstream", "queue-7"), "--workstream", "GUID");
    assertUsage(ops.run("retarget", "s-1", "not-a-guid"), "WORKSTREAM_ID", "GUID");
    assertUsage(ops.run("retarget", "s-1"), "WORKSTREAM_ID");
    assertUsage(ops.run("cancel", "s-1", "--reason", "  "), "--reason", "1-500 characters");
    assertUsage(ops.run("list", "--status", "Stuck"), "--status", "NeedsAttention", "all");
    assertUsage(ops.run("list", "--page-size", "0"), "--page-size", "1-1000");
    assertUsage(ops.run("list", "--cursor", "not a cursor!"), "--cursor");
    assertUsage(ops.run("show", "s-1", "--timeout", "forever"), "--timeout", "5s");
    assertUsage(ops.run("show", "s-1", "--timeout", "0s"), "--timeout", "above 0");
    assertUsage(ops.run("show", "s-1", "--address", "localhost"), "--address", "host:port");
    assertUsage(ops.run("frobnicate"), "frobnicate");
    assertUsage(ops.run(), "name a command");
  }

  @Test
  void missingOrBrokenPayloadKeysAreAUsageError() {
    ops.environment.remove("HANDOFF_CODEC_KEYS");
    try {
      assertUsage(
          ops.run("show", "s-1"), "payload keys", "HANDOFF_CODEC_KEYS", "--codec-keys-file");
      ops.environment.put("HANDOFF_CODEC_KEYS", "k1:dG9vIHNob3J0");
      assertUsage(ops.run("skip", "s-1"), "HANDOFF_CODEC_KEYS", "handoff.codec.keys", "'k1'");
    } finally {
      ops.environment.put("HANDOFF_CODEC_KEYS", OpsHarness.TEST_KEYS);
    }
  }

  @Test
  void theKeysFileTheDevStackWritesIsRead() throws IOException {
    String sessionId = OpsHarness.newSession("keysfile");
    ops.start(sessionId, OpsHarness.MISSING_WORKSTREAM);
    Path keys = Files.writeString(dir.resolve("payload-key"), OpsHarness.TEST_KEYS + "\n");
    ops.environment.remove("HANDOFF_CODEC_KEYS");
    try {
      OpsHarness.Result shown =
          ops.await(
              r -> r.exit() == 0 && r.out().contains("NeedsAttention"),
              "show",
              sessionId,
              "--codec-keys-file",
              keys.toString());
      assertThat(shown.out()).contains("DataverseNotFound");
      assertUsage(
          ops.run("show", sessionId, "--codec-keys-file", dir.resolve("absent").toString()),
          "--codec-keys-file",
          "cannot be read");
    } finally {
      ops.environment.put("HANDOFF_CODEC_KEYS", OpsHarness.TEST_KEYS);
      ops.terminate(sessionId);
    }
  }

  @Test
  void withNoWorkerShowFallsBackToTheSearchAttributesAndActionsTimeOut() {
    String sessionId = OpsHarness.newSession("unattended");
    ops.startUnattended(sessionId);

    OpsHarness.Result shown = ops.run("show", sessionId, "--timeout", "1s", "--json");
    assertThat(shown.exit()).as(shown.err()).isZero();
    JsonNode json = shown.json();
    assertThat(json.path("source").asText()).isEqualTo("search-attributes");
    assertThat(json.path("note").asText()).contains("no worker answered the status query");
    assertThat(json.path("phase").asText()).isEqualTo("InProgress");
    assertThat(json.path("step").asText()).isEqualTo("ValidateSession");
    assertThat(json.has("status")).isFalse();
    assertThat(ops.run("show", sessionId, "--timeout", "1s").out())
        .contains("search attributes: no worker answered");

    OpsHarness.Result retry = ops.run("retry", sessionId, "--timeout", "1s");
    assertThat(retry.exit()).as(retry.out() + retry.err()).isEqualTo(ExitCodes.NO_ANSWER);
    assertThat(retry.err()).contains("no worker answered the retry").contains("read the status");
    ops.terminate(sessionId);
  }

  @Test
  void aServerThatCannotBeReachedIsNoAnswer() throws IOException {
    String nobody = "127.0.0.1:" + freePort();
    for (String[] args :
        new String[][] {
          {"list"}, {"show", "s-1"}, {"retry", "s-1"}, {"cancel", "s-1", "--reason", "x"}
        }) {
      String[] withAddress =
          java.util.stream.Stream.concat(
                  java.util.Arrays.stream(args),
                  java.util.stream.Stream.of("--address", nobody, "--timeout", "2s"))
              .toArray(String[]::new);
      OpsHarness.Result result = ops.run(withAddress);
      assertThat(result.exit()).as("%s: %s", args[0], result.err()).isEqualTo(ExitCodes.NO_ANSWER);
      assertThat(result.err()).contains(nobody).contains("--address");
    }
  }

  @Test
  void helpDocumentsTheExitCodes() {
    for (String[] args : new String[][] {{"--help"}, {"retry", "--help"}, {"help", "list"}}) {
      OpsHarness.Result help = ops.run(args);
      assertThat(help.exit()).isZero();
      assertThat(help.out())
          .contains("Exit codes:")
          .contains("refused by the workflow")
          .contains("no such running handoff")
          .contains("did not answer within --timeout");
    }
    assertThat(ops.run("--help").out())
        .contains("list", "show", "retry", "retarget", "skip", "cancel");
    assertThat(ops.run("list", "--help").out())
        .contains("--status", "--page-size", "--cursor", "--json");
  }
}
