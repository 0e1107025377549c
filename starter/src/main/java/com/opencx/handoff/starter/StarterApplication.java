package com.opencx.handoff.starter;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The HTTP API OpenCX and ops call: it validates requests, then starts, queries and signals
 * HandoffWorkflow through a Temporal client. It runs no workflow code itself, so it can be scaled
 * and deployed apart from the worker.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StarterApplication {

  /**
   * Its own configuration file name, so that the worker and the API can share one JVM (the dev
   * stack) without reading each other's {@code application.yml}.
   */
  public static final String CONFIG_NAME = "spring.config.name=handoff-api";

  public static void main(String[] args) {
    new SpringApplicationBuilder(StarterApplication.class).properties(CONFIG_NAME).run(args);
  }
}
