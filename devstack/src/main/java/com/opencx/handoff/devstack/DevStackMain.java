package com.opencx.handoff.devstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ./mvnw -pl devstack -am spring-boot:run}: starts the dev stack and keeps it running until
 * Ctrl-C. Options: {@code --temporal=auto|cli|test-server|<host:port>} (default auto: the {@code
 * temporal} CLI when on the PATH, else the in-process Java test server), {@code --keep-state} (keep
 * the dev server's history from the last run; see {@link DevStackState}) and {@code
 * --route=direct-line|record} (default direct-line, the route a real org needs (SPEC §10): the
 * Direct Line emulator's simulated Omnichannel routing creates the work item; record writes it
 * directly) and {@code --port-offset=N} (every default port plus N, for a second stack on one
 * machine). The tests' {@link DevStack#start} keeps record unless told otherwise.
 */
public final class DevStackMain {

  private DevStackMain() {}

  /** The command line: {@code --temporal=…} and {@code --keep-state}. */
  record Options(String temporal, boolean keepState, String route, int portOffset) {

    static final String USAGE =
        "use --temporal=auto|cli|test-server|host:port and optionally --keep-state,"
            + " --route=record|direct-line and --port-offset=N";

    Options(String temporal, boolean keepState) {
      this(temporal, keepState, "direct-line", 0);
    }

    Options(String temporal, boolean keepState, String route) {
      this(temporal, keepState, route, 0);
    }

    /** Null when an argument is not understood. */
    static Options parse(String[] args) {
      String temporal = "auto";
      boolean keepState = false;
      String route = "direct-line";
      int portOffset = 0;
      for (String arg : args) {
        if (arg.startsWith("--temporal=")) {
          temporal = arg.substring("--temporal=".length());
        } else if (arg.equals("--keep-state")) {
          keepState = true;
        } else if (arg.equals("--route=record") || arg.equals("--route=direct-line")) {
          route = arg.substring("--route=".length());
        } else if (arg.matches("--port-offset=[0-9]{1,4}")) {
          portOffset = Integer.parseInt(arg.substring("--port-offset=".length()));
        } else {
          return null;
        }
      }
      return new Options(temporal, keepState, route, portOffset);
    }

    TemporalService.Mode mode() {
      return switch (temporal) {
        case "auto" -> TemporalService.Mode.AUTO;
        case "cli" -> TemporalService.Mode.CLI;
        case "test-server" -> TemporalService.Mode.TEST_SERVER;
        default -> TemporalService.Mode.EXTERNAL;
      };
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    if (options == null) {
      System.err.println("unknown option in " + String.join(" ", args) + "; " + Options.USAGE);
      System.exit(2);
      return;
    }
    DevStack stack;
    try {
      stack =
          DevStack.start(
              DevStack.Ports.defaults().shifted(options.portOffset()),
              options.mode(),
              options.temporal(),
              Path.of(".devstack"),
              Map.of("dynamics.route", options.route()),
              options.keepState());
    } catch (Exception e) {
      System.err.println("The dev stack did not start: " + e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-shutdown"));
    System.out.println(stack.banner());
    System.out.println(VerifyBanner.section(stack.verify()));
    Thread.currentThread().join();
  }
}
