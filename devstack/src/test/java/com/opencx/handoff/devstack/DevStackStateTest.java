package com.opencx.handoff.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a restart of the dev stack keeps: by default nothing (the dev server's database and its
 * SQLite companions go, so Temporal's history matches the empty emulators); with {@code
 * --keep-state} the history stays and the stack says what that means.
 */
class DevStackStateTest {

  @TempDir Path dataDir;

  private void seedLastRunsDatabase() throws Exception {
    for (String name : new String[] {"temporal.db", "temporal.db-wal", "temporal.db-shm"}) {
      Files.writeString(dataDir.resolve(name), "history of the last run");
    }
  }

  @Test
  void byDefaultTheLastRunsHistoryIsDeletedAndTheBannerSaysSo() throws Exception {
    seedLastRunsDatabase();

    String state = DevStackState.prepare(dataDir, false);

    assertThat(dataDir.resolve("temporal.db")).doesNotExist();
    assertThat(dataDir.resolve("temporal.db-wal")).doesNotExist();
    assertThat(dataDir.resolve("temporal.db-shm")).doesNotExist();
    assertThat(state).contains("fresh", "deleted", "--keep-state");
  }

  @Test
  void keepStateKeepsTheHistoryAndWarnsThatTheEmulatorsAreEmpty() throws Exception {
    seedLastRunsDatabase();

    String state = DevStackState.prepare(dataDir, true);

    assertThat(dataDir.resolve("temporal.db")).hasContent("history of the last run");
    assertThat(state).contains("kept", "emulators start empty", "no longer exist");
  }

  @Test
  void theCommandLineAcceptsKeepState() {
    assertThat(DevStackMain.Options.parse(new String[] {}))
        .isEqualTo(new DevStackMain.Options("auto", false));
    assertThat(DevStackMain.Options.parse(new String[] {"--temporal=cli", "--keep-state"}))
        .isEqualTo(new DevStackMain.Options("cli", true));
    assertThat(DevStackMain.Options.parse(new String[] {"--route=record"}))
        .isEqualTo(new DevStackMain.Options("auto", false, "record"));
    assertThat(DevStackMain.Options.parse(new String[] {}).route()).isEqualTo("direct-line");
    assertThat(DevStackMain.Options.parse(new String[] {"--route=teams"})).isNull();
    assertThat(DevStackMain.Options.parse(new String[] {"--keep-stat"})).isNull();
  }
}
