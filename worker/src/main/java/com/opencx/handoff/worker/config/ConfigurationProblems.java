package com.opencx.handoff.worker.config;

import com.opencx.handoff.configuration.CodecProperties;
import com.opencx.handoff.configuration.RecordProblems;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Every problem with the worker's configuration, one line per bad key, so an operator fixes them in
 * one go instead of one restart per key. The rules are the Bean Validation constraints on the
 * properties records, each record bound and validated by {@link RecordProblems}; only the rules
 * that span prefixes live here: the workstream, which may come from the legacy key {@code
 * default_queue_id}, and what {@code dynamics.route=direct-line} requires of {@code directline.*}.
 */
final class ConfigurationProblems {

  /** The worker's properties records, in the README's order. */
  static final List<Class<?>> RECORDS =
      List.of(
          WorkerProperties.class,
          DynamicsProperties.class,
          DirectLineProperties.class,
          OpenCxProperties.class,
          MediaProperties.class,
          HandoffPolicyProperties.class,
          CodecProperties.class);

  private ConfigurationProblems() {}

  /** The problems; empty when the worker may start. */
  static List<String> of(Environment environment) {
    List<String> problems = new ArrayList<>(RecordProblems.of(environment, RECORDS));
    Binder binder = Binder.get(environment);
    workstream(binder, environment, problems);
    route(binder, problems);
    return problems;
  }

  private static void workstream(Binder binder, Environment environment, List<String> problems) {
    String configured = text(binder, "dynamics.workstream-id");
    try {
      String workstream = ActivitiesConfiguration.workstreamId(configured, environment);
      if (DynamicsProperties.blank(workstream)) {
        problems.add(
            "dynamics.workstream-id (or its legacy name default_queue_id) is required: the"
                + " Omnichannel workstream GUID that routes handoffs naming none");
      } else if (DynamicsProperties.blank(configured)
          && !new Guid.Validator().isValid(workstream, null)) {
        problems.add(
            "default_queue_id = '"
                + workstream
                + "': the legacy name of dynamics.workstream-id must be a workstream GUID");
      }
    } catch (IllegalArgumentException twoWorkstreams) {
      problems.add(twoWorkstreams.getMessage());
    }
  }

  /** The Direct Line route's keys; an unreadable route is reported by its record already. */
  private static void route(Binder binder, List<String> problems) {
    HandoffRoute route;
    try {
      route = HandoffRoute.of(text(binder, HandoffRoute.KEY));
    } catch (IllegalArgumentException reportedAlready) {
      return;
    }
    try {
      DirectLineProperties.checkBotHandle(route, text(binder, "directline.bot-handle"));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    try {
      DirectLineProperties.checkChannels(
          route,
          binder
              .bind("directline.channels", Bindable.listOf(DirectLineProperties.Channel.class))
              .orElse(List.of()));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    } catch (BindException reportedAlready) {
      // a channel that does not bind is reported by its record
    }
  }

  private static String text(Binder binder, String key) {
    return binder.bind(key, Bindable.of(String.class)).orElse(null);
  }
}
