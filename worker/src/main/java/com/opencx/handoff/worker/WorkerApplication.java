package com.opencx.handoff.worker;

import com.opencx.handoff.worker.verify.VerifyCommand;
import java.util.Arrays;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The worker process: polls task queue {@code dynamics-handoff} and runs HandoffWorkflow and its
 * activities against the configured Dataverse environment and OpenCX. Configuration is validated
 * while the context starts, so a missing or malformed key stops the process naming that key.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerApplication {

  /**
   * Its own configuration file name, so that the worker and the API can share one JVM (the dev
   * stack) without reading each other's {@code application.yml}.
   */
  public static final String CONFIG_NAME = "spring.config.name=handoff-worker";

  /**
   * Runs the worker, or with {@code verify} as the first argument checks its configuration against
   * Dataverse and Direct Line and exits ({@link VerifyCommand}).
   */
  public static void main(String[] args) {
    if (args.length > 0 && VerifyCommand.NAME.equals(args[0])) {
      System.exit(VerifyCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
      return;
    }
    new SpringApplicationBuilder(WorkerApplication.class).properties(CONFIG_NAME).run(args);
  }
}
