package com.opencx.handoff.devstack;

import java.nio.file.Path;

/**
 * {@code ./mvnw -pl devstack -am spring-boot:run}: starts the dev stack and keeps it running until
 * Ctrl-C. Options: {@code --temporal=auto|cli|test-server|<host:port>} (default auto: the {@code
 * temporal} CLI when on the PATH, else the in-process Java test server).
 */
public final class DevStackMain {

  private DevStackMain() {}

  public static void main(String[] args) throws Exception {
    String temporal = "auto";
    for (String arg : args) {
      if (arg.startsWith("--temporal=")) {
        temporal = arg.substring("--temporal=".length());
      } else {
        System.err.println(
            "unknown option " + arg + "; use --temporal=auto|cli|test-server|host:port");
        System.exit(2);
      }
    }
    TemporalService.Mode mode =
        switch (temporal) {
          case "auto" -> TemporalService.Mode.AUTO;
          case "cli" -> TemporalService.Mode.CLI;
          case "test-server" -> TemporalService.Mode.TEST_SERVER;
          default -> TemporalService.Mode.EXTERNAL;
        };
    DevStack stack;
    try {
      stack = DevStack.start(DevStack.Ports.defaults(), mode, temporal, Path.of(".devstack"));
    } catch (Exception e) {
      System.err.println("The dev stack did not start: " + e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-shutdown"));
    System.out.println(stack.banner());
    Thread.currentThread().join();
  }
}
