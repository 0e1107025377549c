package com.opencx.handoff.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether the dev stack starts from a clean slate. The {@code temporal} CLI dev server keeps its
 * history in {@code <data dir>/temporal.db}, but the emulators live in memory and start empty: a
 * history kept across restarts names work items and sessions that no longer exist, so the demo
 * answers "existing" for a handoff whose work item is gone. So the database is deleted on start
 * unless the user asks to keep it ({@code --keep-state}), and either way the stack says which.
 */
final class DevStackState {

  static final String DATABASE = "temporal.db";

  /** SQLite's companions of the database: a kept WAL would bring the old history back. */
  private static final List<String> FILES =
      List.of(DATABASE, DATABASE + "-wal", DATABASE + "-shm", DATABASE + "-journal");

  private DevStackState() {}

  /**
   * Deletes the dev server's database in {@code dataDir} unless {@code keepState}; returns the line
   * the banner prints about it.
   */
  static String prepare(Path dataDir, boolean keepState) throws IOException {
    Path database = dataDir.resolve(DATABASE);
    if (keepState) {
      return "State: kept Temporal's history in "
          + database
          + " (--keep-state). The emulators start empty every time, so handoffs from earlier"
          + " runs refer to work items and sessions that no longer exist; start without"
          + " --keep-state for a consistent demo.";
    }
    boolean deleted = false;
    for (String name : FILES) {
      deleted |= Files.deleteIfExists(dataDir.resolve(name));
    }
    return "State: fresh; Temporal starts with no history"
        + (deleted ? " (deleted " + database + ")" : "")
        + ", like the emulators. --keep-state keeps Temporal's history across restarts.";
  }
}
