package com.opencx.handoff.emulators;

import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.emulators.opencx.OpenCxEmulator;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Runs both emulators as a standalone process, for trying the worker against them outside the
 * embedded dev stack (for example from docker-compose or a second terminal).
 *
 * <pre>
 * EmulatorsMain [--dataverse-port N] [--opencx-port M] [--token T] [--api-key K] [--seed-demo]
 * </pre>
 *
 * Ports default to 0 (any free port); the token and API key default to {@code dev-token} and {@code
 * dev-api-key}. It prints where each emulator listens and runs until interrupted.
 */
public final class EmulatorsMain {

  private EmulatorsMain() {}

  /** Parsed command line. */
  record Options(int dataversePort, int openCxPort, String token, String apiKey, boolean seedDemo) {

    static Options parse(String... args) {
      int dataversePort = 0;
      int openCxPort = 0;
      String token = "dev-token";
      String apiKey = "dev-api-key";
      boolean seed = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--seed-demo":
            seed = true;
            break;
          case "--dataverse-port":
            dataversePort = port(arg, value(args, ++i, arg));
            break;
          case "--opencx-port":
            openCxPort = port(arg, value(args, ++i, arg));
            break;
          case "--token":
            token = value(args, ++i, arg);
            break;
          case "--api-key":
            apiKey = value(args, ++i, arg);
            break;
          default:
            throw new IllegalArgumentException("Unknown argument '" + arg + "'");
        }
      }
      return new Options(dataversePort, openCxPort, token, apiKey, seed);
    }

    private static String value(String[] args, int i, String name) {
      if (i >= args.length || args[i].isBlank()) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      return args[i];
    }

    private static int port(String name, String value) {
      try {
        int port = Integer.parseInt(value);
        if (port >= 0 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // fall through
      }
      throw new IllegalArgumentException(name + " must be a port number 0..65535, was " + value);
    }
  }

  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: EmulatorsMain [--dataverse-port N] [--opencx-port M] [--token T]"
              + " [--api-key K] [--seed-demo]");
      System.exit(2);
      return;
    }
    DataverseEmulator dataverse = DataverseEmulator.start(options.dataversePort(), options.token());
    OpenCxEmulator openCx = OpenCxEmulator.start(options.openCxPort(), options.apiKey());
    if (options.seedDemo()) {
      DemoData.seed(dataverse, openCx, Clock.systemUTC());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  dataverse.close();
                  openCx.close();
                  stopped.countDown();
                }));
    System.out.println("Dataverse emulator listening on " + dataverse.environmentUrl());
    System.out.println("OpenCX emulator listening on " + openCx.baseUrl());
    if (options.seedDemo()) {
      System.out.println(
          "Seeded demo session "
              + DemoData.SESSION_ID
              + " and workstream "
              + DemoData.WORKSTREAM_ID);
    }
    stopped.await();
  }
}
