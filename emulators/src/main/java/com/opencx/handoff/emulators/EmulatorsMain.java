package com.opencx.handoff.emulators;

import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.emulators.opencx.OpenCxEmulator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs both emulators as a standalone process, for trying the worker against them outside the
 * embedded dev stack (for example from docker-compose or a second terminal).
 *
 * <pre>
 * EmulatorsMain [--dataverse-port N] [--opencx-port M] [--token T] [--api-key K] [--seed-demo]
 *               [--control-key C] [--fault TARGET:SPEC]... [--limit TARGET:LIMITS]...
 * </pre>
 *
 * Ports default to 0 (any free port); the token and API key default to {@code dev-token} and {@code
 * dev-api-key}. {@code --control-key} turns on both emulators' control API ({@code /emulator/…},
 * off without it); {@code --fault} and {@code --limit} arm faults and limits at start ({@link
 * FaultFlags}). It prints where each emulator listens and runs until interrupted.
 */
public final class EmulatorsMain {

  private EmulatorsMain() {}

  static final String USAGE =
      "usage: EmulatorsMain [--dataverse-port N] [--opencx-port M] [--token T] [--api-key K]"
          + " [--seed-demo] [--control-key C]"
          + " [--fault dataverse|opencx:METHOD:pathContains:KIND[:status][:times=N][:inBatch=true]…"
          + " | --fault dataverse|opencx:@fault.json]..."
          + " [--limit dataverse|opencx:requests=N,windowSeconds=S[,retryAfterSeconds=R]"
          + "[,concurrency=C]]...";

  /** Parsed command line. */
  record Options(
      int dataversePort,
      int openCxPort,
      String token,
      String apiKey,
      boolean seedDemo,
      String controlKey,
      List<FaultFlags.TargetedFault> faults,
      List<FaultFlags.Limit> limits) {

    static Options parse(String... args) {
      int dataversePort = 0;
      int openCxPort = 0;
      String token = "dev-token";
      String apiKey = "dev-api-key";
      boolean seed = false;
      String controlKey = null;
      List<FaultFlags.TargetedFault> faults = new ArrayList<>();
      List<FaultFlags.Limit> limits = new ArrayList<>();
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
          case "--control-key":
            controlKey = value(args, ++i, arg);
            break;
          case "--fault":
            faults.addAll(FaultFlags.faults(value(args, ++i, arg)));
            break;
          case "--limit":
            limits.add(FaultFlags.limit(value(args, ++i, arg)));
            break;
          default:
            throw new IllegalArgumentException("Unknown argument '" + arg + "'");
        }
      }
      if (controlKey != null && (controlKey.equals(token) || controlKey.equals(apiKey))) {
        throw new IllegalArgumentException("--control-key must differ from --token and --api-key");
      }
      return new Options(
          dataversePort, openCxPort, token, apiKey, seed, controlKey, faults, limits);
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
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    DataverseEmulator dataverse = DataverseEmulator.start(options.dataversePort(), options.token());
    OpenCxEmulator openCx = OpenCxEmulator.start(options.openCxPort(), options.apiKey());
    if (options.seedDemo()) {
      DemoData.seed(dataverse, openCx, Clock.systemUTC());
    }
    if (options.controlKey() != null) {
      dataverse.enableControlApi(options.controlKey());
      openCx.enableControlApi(options.controlKey());
    }
    for (FaultFlags.TargetedFault f : options.faults()) {
      (f.target() == FaultFlags.Target.DATAVERSE ? dataverse : openCx).injectFault(f.fault());
    }
    for (FaultFlags.Limit limit : options.limits()) {
      limit.apply(limit.target() == FaultFlags.Target.DATAVERSE ? dataverse : openCx);
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
    if (options.controlKey() != null) {
      System.out.println(
          "Control API on both (Authorization: Bearer <control key>): /emulator/faults,"
              + " /emulator/limits, /emulator/requests, /emulator/token, /emulator/sessions,"
              + " /emulator/contacts, /emulator/workstreams");
    }
    if (!options.faults().isEmpty() || !options.limits().isEmpty()) {
      System.out.println(
          "Armed "
              + options.faults().size()
              + " fault(s) and "
              + options.limits().size()
              + " limit(s) from the command line");
    }
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
