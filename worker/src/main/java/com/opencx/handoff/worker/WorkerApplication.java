package com.opencx.handoff.worker;

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

  public static void main(String[] args) {
    new SpringApplicationBuilder(WorkerApplication.class).properties(CONFIG_NAME).run(args);
  }
}
