package com.opencx.handoff.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Start-up rules for {@code dynamics.route} and {@code directline.*} as {@link
 * ConfigurationProblems} reports them: one line per bad key, naming the key and the rule, never a
 * secret; the Direct Line keys are only required once {@code dynamics.route=direct-line}.
 */
class DirectLineConfigurationTest {

  private static final String WORKSTREAM = "6a9f3c2e-1b4d-4e8f-9a7b-0c1d2e3f4a5b";
  private static final String OTHER = "0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f";
  private static final String SECRET = "dl-Secr3t.Value-xyz";

  /** The local stack's configuration (record route), accepted as it is. */
  private static Map<String, Object> base() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("dynamics.environment-url", "http://127.0.0.1:18443");
    config.put("dynamics.static-token", "emulator-token");
    config.put("dynamics.workstream-id", WORKSTREAM);
    config.put("opencx.base-url", "http://127.0.0.1:18444");
    config.put("opencx.api-key", "key");
    config.put("handoff.codec.keys", "test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    return config;
  }

  /** Direct Line route with one channel. */
  private static Map<String, Object> directLine() {
    Map<String, Object> config = base();
    config.put("dynamics.route", "direct-line");
    config.put("directline.bot-handle", "contoso-bot");
    config.put("directline.channels[0].workstream-id", WORKSTREAM);
    config.put("directline.channels[0].secret", SECRET);
    return config;
  }

  private static StandardEnvironment environment(
      Map<String, Object> config, Map<String, Object> variables) {
    StandardEnvironment environment = new StandardEnvironment();
    MutablePropertySources sources = environment.getPropertySources();
    sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    sources.addFirst(new MapPropertySource("test", config));
    sources.addLast(
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    return environment;
  }

  private static List<String> problems(Map<String, Object> config) {
    List<String> problems = ConfigurationProblems.of(environment(config, Map.of()));
    assertThat(String.join("\n", problems)).doesNotContain(SECRET);
    return problems;
  }

  @Test
  void theRecordRouteNeedsNoDirectLineKeysAndIsTheDefault() {
    assertThat(problems(base())).isEmpty();
    assertThat(HandoffRoute.of(null)).isEqualTo(HandoffRoute.RECORD);
    assertThat(problems(directLine())).isEmpty();
  }

  @Test
  void anUnknownRouteIsRefusedNamingTheKeyAndTheValues() {
    Map<String, Object> config = base();
    config.put("dynamics.route", "webhook");
    assertThat(problems(config))
        .singleElement()
        .asString()
        .contains("dynamics.route", "record", "direct-line", "webhook");
  }

  @Test
  void theDirectLineRouteNeedsABotHandleAndAChannel() {
    Map<String, Object> config = base();
    config.put("dynamics.route", "direct-line");
    assertThat(problems(config))
        .hasSize(2)
        .anySatisfy(line -> assertThat(line).contains("directline.bot-handle", "required"))
        .anySatisfy(line -> assertThat(line).contains("directline.channels", "at least one"));
  }

  @Test
  void theBaseUrlMustBeHttpsOrLoopbackWithoutAPath() {
    for (String bad :
        new String[] {
          "http://directline.botframework.com",
          "https://directline.botframework.com/",
          "https://directline.botframework.com/v3/directline",
          " "
        }) {
      Map<String, Object> config = directLine();
      config.put("directline.base-url", bad);
      assertThat(problems(config)).singleElement().asString().contains("directline.base-url");
    }
    Map<String, Object> emulator = directLine();
    emulator.put("directline.base-url", "http://127.0.0.1:18500");
    assertThat(problems(emulator)).isEmpty();
    emulator.put("directline.base-url", "https://europe.directline.botframework.com");
    assertThat(problems(emulator)).isEmpty();
  }

  @Test
  void eachChannelNeedsAWorkstreamGuidAndASecretAndWorkstreamsAreUnique() {
    Map<String, Object> config = directLine();
    config.put("directline.channels[1].workstream-id", "queue-1");
    config.put("directline.channels[1].secret", SECRET);
    config.put("directline.channels[2].workstream-id", OTHER);
    config.put("directline.channels[2].secret", " ");
    config.put("directline.channels[3].workstream-id", WORKSTREAM.toUpperCase());
    config.put("directline.channels[3].secret", "another");

    List<String> problems = problems(config);

    assertThat(problems)
        .hasSize(3)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("directline.channels[1].workstream-id", "GUID", "queue-1"))
        .anySatisfy(line -> assertThat(line).contains("directline.channels[2].secret", "required"))
        .anySatisfy(line -> assertThat(line).contains("directline.channels", "more than once"));
  }

  @Test
  void aSecretFromAnEnvironmentVariableBindsAndIsNeverPrinted() {
    Map<String, Object> config = directLine();
    config.remove("directline.channels[0].secret");
    // Spring takes a list whole from one source: a secret alone in another is not merged in.
    assertThat(
            ConfigurationProblems.of(
                environment(config, Map.of("DIRECTLINE_CHANNELS_0_SECRET", SECRET))))
        .singleElement()
        .asString()
        .contains("directline.channels[0].secret", "side by side")
        .doesNotContain(SECRET);
    config.remove("directline.channels[0].workstream-id");
    StandardEnvironment environment =
        environment(
            config,
            Map.of(
                "DIRECTLINE_CHANNELS_0_WORKSTREAM_ID", WORKSTREAM,
                "DIRECTLINE_CHANNELS_0_SECRET", SECRET));

    assertThat(ConfigurationProblems.of(environment)).isEmpty();
    DirectLineProperties bound =
        Binder.get(environment).bind("directline", DirectLineProperties.class).get();
    assertThat(bound.channels().get(0).secret()).isEqualTo(SECRET);
    assertThat(bound.baseUrl()).isEqualTo("https://directline.botframework.com");
    assertThat(bound.toString()).doesNotContain(SECRET);
  }

  @Test
  void environmentVariablesMayUseEitherRelaxedFormButAMisspeltOneIsRefused() {
    Map<String, Object> config = base();
    config.remove("opencx.api-key");
    config.remove("handoff.codec.keys");
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("OPENCX_API_KEY", "key-from-env");
    variables.put("HANDOFF_CODEC_KEYS", "test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    variables.put("DYNAMICS_CONNECTTIMEOUT", "5s");
    variables.put("HANDOFF_POLICY_STEP_BUDGET", "2m");
    assertThat(ConfigurationProblems.of(environment(config, variables))).isEmpty();

    variables.put("DYNAMICS_WORKSTRAEM_ID", WORKSTREAM);
    assertThat(ConfigurationProblems.of(environment(config, variables)))
        .singleElement()
        .asString()
        .contains(
            "dynamics.workstraem.id: is not a setting of dynamics.*", "DYNAMICS_WORKSTRAEM_ID");
  }
}
