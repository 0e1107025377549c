package com.opencx.handoff.devstack;

import com.opencx.handoff.codec.PayloadKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The dev stack's payload key. The worker and the API refuse to start without one; the dev stack
 * generates a fresh key each run (kept with {@code --keep-state}, since a kept history is readable
 * only with the key that wrote it) in {@code <data dir>/payload-key}, readable by its owner only,
 * and says where. It never prints the key itself.
 */
final class DevStackKey {

  static final String FILE = "payload-key";

  private DevStackKey() {}

  /** The {@code handoff.codec.keys} setting for this run. */
  static String prepare(Path dataDir, boolean keepState) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (keepState && Files.isRegularFile(file)) {
      return Files.readString(file).strip();
    }
    String setting = PayloadKeys.generateSetting("devstack");
    Files.createDirectories(dataDir);
    Files.deleteIfExists(file);
    Files.createFile(file);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the file lives in the user's own dev directory.
    }
    Files.writeString(file, setting + "\n");
    return setting;
  }

  static String bannerLine(Path dataDir) {
    return "Payloads encrypted (AES-256-GCM) with a key generated for this run, in "
        + dataDir.resolve(FILE).toAbsolutePath();
  }
}
