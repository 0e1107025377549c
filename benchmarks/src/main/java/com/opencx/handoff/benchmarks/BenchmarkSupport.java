package com.opencx.handoff.benchmarks;

import com.opencx.handoff.devstack.DevStack;
import com.opencx.handoff.emulators.DemoData;
import com.opencx.handoff.emulators.opencx.Session;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmarks that start a dev stack share: {@code --key value} arguments, a free port for
 * the CLI dev server, and the demo customer's WhatsApp sessions seeded at the OpenCX emulator (the
 * before/after rounds keep their own copies: they compile against older releases too).
 */
public final class BenchmarkSupport {

  private BenchmarkSupport() {}

  /** {@code --key value} and {@code --key=value} pairs. */
  public static Map<String, String> parse(String[] argv) {
    Map<String, String> args = new LinkedHashMap<>();
    for (int i = 0; i < argv.length; i++) {
      String key = argv[i].replaceFirst("^--", "");
      if (key.contains("=")) {
        args.put(key.substring(0, key.indexOf('=')), key.substring(key.indexOf('=') + 1));
      } else if (i + 1 < argv.length) {
        args.put(key, argv[++i]);
      }
    }
    return args;
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Seeds {@code count} sessions of the demo customer, still with the AI; returns their ids. */
  public static List<String> seedSessions(DevStack stack, String prefix, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = prefix + "-" + i + "-" + Long.toHexString(System.nanoTime());
      stack.openCx.addSession(
          new Session(
              id,
              "whatsapp",
              "ai",
              DemoData.CUSTOMER_NAME,
              DemoData.CUSTOMER_EMAIL,
              DemoData.CUSTOMER_PHONE,
              DemoData.SUMMARY,
              Instant.now().minusSeconds(60),
              null));
      ids.add(id);
    }
    return ids;
  }
}
