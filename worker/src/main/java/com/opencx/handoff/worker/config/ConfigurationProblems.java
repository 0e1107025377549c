package com.opencx.handoff.worker.config;

import com.opencx.handoff.activities.directline.DirectLineSettings;
import com.opencx.handoff.activities.dynamics.DataverseSettings;
import com.opencx.handoff.activities.dynamics.MsalTokenProvider;
import com.opencx.handoff.activities.media.MediaSettings;
import com.opencx.handoff.activities.opencx.OpenCxSettings;
import com.opencx.handoff.codec.PayloadKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Every problem with the worker's configuration, one line per bad key, so an operator fixes them in
 * one go instead of one restart per key. Each key is read on its own (a value of the wrong type is
 * reported without stopping the others) and checked against the rules of the settings record that
 * will use it, with known-good stand-ins for the record's other fields: the rules stay where they
 * are, and one bad key cannot hide another. Lines never carry a secret's value.
 */
final class ConfigurationProblems {

  // Stand-ins that pass every rule, so that a record is checked for one key at a time.
  private static final String GOOD_URL = "https://check.crm.dynamics.com";
  private static final String GOOD_GUID = "00000000-0000-4000-8000-000000000000";
  private static final String GOOD_OPENCX = "https://opencx.invalid";

  private final Binder binder;
  private final Environment environment;
  private final Map<String, String> problems = new LinkedHashMap<>();

  private ConfigurationProblems(Environment environment) {
    this.environment = environment;
    this.binder = Binder.get(environment);
  }

  /** The problems, in key order of the README; empty when the worker may start. */
  static List<String> of(Environment environment) {
    ConfigurationProblems check = new ConfigurationProblems(environment);
    check.dynamics();
    check.openCx();
    check.directLine();
    check.media();
    check.policy();
    check.payloadKeys();
    return new ArrayList<>(check.problems.values());
  }

  private void dynamics() {
    String url = text("dynamics.environment-url");
    String[] checkedUrl = {null};
    check(
        "dynamics.environment-url",
        () -> checkedUrl[0] = settings(url, GOOD_GUID, 20, 48, null, null).environmentUrl());
    check(
        "dynamics.workstream-id",
        () -> {
          String workstream =
              ActivitiesConfiguration.workstreamId(text("dynamics.workstream-id"), environment);
          settings(GOOD_URL, workstream, 20, 48, null, null);
        });
    value("dynamics.phone-matching", Boolean.class, true);
    value("dynamics.create-contact-when-missing", Boolean.class, false);
    Integer rate = value("dynamics.requests-per-second", Integer.class, 20);
    Integer concurrent = value("dynamics.max-concurrent-requests", Integer.class, 48);
    Duration connect = value("dynamics.connect-timeout", Duration.class, null);
    Duration read = value("dynamics.read-timeout", Duration.class, null);
    check(
        "dynamics.requests-per-second", () -> settings(GOOD_URL, GOOD_GUID, rate, 48, null, null));
    check(
        "dynamics.max-concurrent-requests",
        () -> settings(GOOD_URL, GOOD_GUID, 20, concurrent, null, null));
    check("dynamics.connect-timeout", () -> settings(GOOD_URL, GOOD_GUID, 20, 48, connect, null));
    check("dynamics.read-timeout", () -> settings(GOOD_URL, GOOD_GUID, 20, 48, null, read));
    DynamicsProperties credentials =
        new DynamicsProperties(
            url,
            null,
            text("dynamics.tenant-id"),
            text("dynamics.client-id"),
            text("dynamics.client-secret"),
            text("dynamics.static-token"),
            true,
            false,
            20,
            48,
            null,
            null,
            null);
    check(
        "dynamics.credentials",
        () -> {
          ActivitiesConfiguration.checkCredentials(credentials, checkedUrl[0]);
          if (credentials.usesClientCredentials()) {
            new MsalTokenProvider(
                credentials.tenantId(),
                credentials.clientId(),
                credentials.clientSecret(),
                checkedUrl[0] == null ? GOOD_URL : checkedUrl[0]);
          }
        });
  }

  private void openCx() {
    String url = text("opencx.base-url");
    String key = text("opencx.api-key");
    Duration connect = value("opencx.connect-timeout", Duration.class, null);
    Duration read = value("opencx.read-timeout", Duration.class, null);
    check("opencx.base-url", () -> new OpenCxSettings(url, "stand-in", null, null));
    check("opencx.api-key", () -> new OpenCxSettings(GOOD_OPENCX, key, null, null));
    check("opencx.connect-timeout", () -> new OpenCxSettings(GOOD_OPENCX, "x", connect, null));
    check("opencx.read-timeout", () -> new OpenCxSettings(GOOD_OPENCX, "x", null, read));
  }

  private void directLine() {
    String routeValue = text(HandoffRoute.KEY);
    HandoffRoute[] route = {HandoffRoute.RECORD};
    check(HandoffRoute.KEY, () -> route[0] = HandoffRoute.of(routeValue));
    String url = text("directline.base-url");
    Duration connect = value("directline.connect-timeout", Duration.class, null);
    Duration read = value("directline.read-timeout", Duration.class, null);
    String good = DirectLineSettings.DEFAULT_BASE_URL;
    check(
        "directline.base-url", () -> new DirectLineSettings(url == null ? good : url, null, null));
    check("directline.connect-timeout", () -> new DirectLineSettings(good, connect, null));
    check("directline.read-timeout", () -> new DirectLineSettings(good, null, read));
    String handle = text("directline.bot-handle");
    check("directline.bot-handle", () -> DirectLineProperties.checkBotHandle(route[0], handle));
    List<DirectLineProperties.Channel> channels =
        bind("directline.channels", Bindable.listOf(DirectLineProperties.Channel.class), List.of());
    check("directline.channels", () -> DirectLineProperties.checkChannels(route[0], channels));
    for (int i = 0; channels != null && i < channels.size(); i++) {
      int index = i;
      check(
          "directline.channels[" + i + "]",
          () -> DirectLineProperties.checkChannel(index, channels.get(index)));
    }
    DirectLineProperties.Relay relay =
        bind(
            "directline.relay",
            Bindable.of(DirectLineProperties.Relay.class),
            new DirectLineProperties.Relay(
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofMinutes(10),
                Duration.ofMinutes(10),
                Duration.ofSeconds(5),
                true,
                "directline-relay-",
                Duration.ofMinutes(5)));
    check("directline.relay", () -> DirectLineProperties.checkRelay(relay));
  }

  private void policy() {
    for (String key : new String[] {"routing-timeout", "template-window"}) {
      Duration value = value("handoff.policy." + key, Duration.class, null);
      if (value != null) {
        check("handoff.policy." + key, () -> HandoffPolicyProperties.check(key, value));
      }
    }
  }

  private void media() {
    DataSize max = value("media.max-bytes", DataSize.class, DataSize.ofMegabytes(16));
    Map<String, DataSize> byType =
        bind("media.max-bytes-by-type", Bindable.mapOf(String.class, DataSize.class), Map.of());
    Set<String> allowed = bind("media.allowed-types", Bindable.setOf(String.class), null);
    check(
        "media.max-bytes",
        () -> new MediaSettings(max == null ? 1 : max.toBytes(), Map.of(), allowed));
    Map<String, Long> limits = new LinkedHashMap<>();
    if (byType != null) {
      byType.forEach((type, size) -> limits.put(type, size == null ? null : size.toBytes()));
    }
    check(
        "media.max-bytes-by-type",
        () -> ActivitiesConfiguration.checkPrefixes(new MediaSettings(1, limits, allowed)));
  }

  private void payloadKeys() {
    try {
      PayloadKeys.parse(text(PayloadKeys.KEYS_SETTING), text(PayloadKeys.ACTIVE_SETTING));
    } catch (PayloadKeys.InvalidKeysException e) {
      for (int i = 0; i < e.problems().size(); i++) {
        problems.put(PayloadKeys.KEYS_SETTING + "#" + i, e.problems().get(i));
      }
    }
  }

  private static DataverseSettings settings(
      String url, String workstream, Integer rate, Integer concurrent, Duration c, Duration r) {
    return new DataverseSettings(
        url,
        workstream,
        true,
        false,
        rate == null ? 20 : rate,
        concurrent == null ? 48 : concurrent,
        c,
        r);
  }

  /** Runs one key's rules; records the first refusal under that key. */
  private void check(String key, Runnable rules) {
    if (problems.containsKey(key)) {
      return;
    }
    try {
      rules.run();
    } catch (IllegalArgumentException | IllegalStateException e) {
      problems.put(key, e.getMessage());
    }
  }

  private String text(String key) {
    return bind(key, Bindable.of(String.class), null);
  }

  private <T> T value(String key, Class<T> type, T fallback) {
    return bind(key, Bindable.of(type), fallback);
  }

  /** The bound value, {@code fallback} when unset; a value of the wrong type is a problem. */
  private <T> T bind(String key, Bindable<T> target, T fallback) {
    try {
      return binder.bind(key, target).orElse(fallback);
    } catch (BindException e) {
      // Only typed keys can fail to bind, and none of them is a secret: the value may be shown.
      Object value = e.getProperty() == null ? null : e.getProperty().getValue();
      String name = e.getProperty() == null ? key : e.getProperty().getName().toString();
      Class<?> type = target.getType().resolve(Object.class);
      if (Map.class.isAssignableFrom(type)) {
        type = target.getType().resolveGeneric(1);
      }
      problems.put(
          key,
          name
              + " must be "
              + describe(type == null ? "value" : type.getSimpleName())
              + (value == null ? "" : ", got '" + value + "'"));
      return null;
    }
  }

  private static String describe(String type) {
    return switch (type) {
      case "Integer" -> "a whole number";
      case "Boolean" -> "true or false";
      case "Duration" -> "a duration such as 10s or 2m";
      case "DataSize" -> "a size such as 16MB";
      default -> "a " + type;
    };
  }
}
