package com.opencx.handoff.worker.verify;

import com.opencx.handoff.worker.WorkerApplication;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar worker.jar verify [--key=value…]}: builds the worker's own context from the same
 * configuration (files, environment, secrets directory, arguments), but without the web server and
 * without starting the Temporal workers, runs {@link Verification}, prints one line per check and
 * returns the exit code: 0 when nothing failed, 1 when a check failed, {@link #CONFIGURATION} when
 * the configuration itself is refused (Spring Boot's report above names every bad key). Logging is
 * turned down to warnings so the lines stand alone.
 */
public final class VerifyCommand {

  /** The first argument that selects this command. */
  public static final String NAME = "verify";

  /** The exit code when the worker's configuration is invalid and no check could run. */
  public static final int CONFIGURATION = 2;

  private VerifyCommand() {}

  /**
   * As command-line arguments, which win over {@code handoff-worker.yml} (it sets {@code
   * handoff.worker.start-workers: true}); the operator's own values for these keys are dropped.
   */
  private static final List<String> OWN =
      List.of(
          "--handoff.worker.start-workers=false",
          "--logging.level.root=WARN",
          // MSAL logs a refused token request as a warning; the token check says it better.
          "--logging.level.com.microsoft.aad.msal4j=ERROR",
          // The unstarted worker factory still calls Temporal on close; verify does not need it.
          "--logging.level.org.springframework.beans.factory.support.DisposableBeanAdapter=ERROR");

  static String[] arguments(String[] args) {
    List<String> all = new ArrayList<>(OWN);
    for (String arg : args) {
      boolean overridden =
          OWN.stream().anyMatch(own -> arg.startsWith(own.substring(0, own.indexOf('=') + 1)));
      if (!overridden) {
        all.add(arg);
      }
    }
    return all.toArray(String[]::new);
  }

  public static int run(String[] args, PrintStream out) {
    ConfigurableApplicationContext context;
    try {
      context =
          new SpringApplicationBuilder(WorkerApplication.class)
              .properties(WorkerApplication.CONFIG_NAME)
              .web(WebApplicationType.NONE)
              .run(arguments(args));
    } catch (RuntimeException e) {
      out.println("FAIL configuration: the worker's configuration is refused (see above)");
      return CONFIGURATION;
    }
    try (context) {
      VerifyReport report = context.getBean(Verification.class).run();
      report.lines().forEach(out::println);
      return report.exitCode();
    }
  }
}
