package com.opencx.handoff.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.opencx.handoff.activities.dynamics.DataverseSettings;
import com.opencx.handoff.activities.dynamics.DynamicsActivitiesImpl;
import com.opencx.handoff.activities.dynamics.MsalTokenProvider;
import com.opencx.handoff.activities.dynamics.StaticTokenProvider;
import com.opencx.handoff.activities.dynamics.TokenProvider;
import com.opencx.handoff.activities.media.MediaActivitiesImpl;
import com.opencx.handoff.activities.media.MediaSettings;
import com.opencx.handoff.activities.opencx.AuditActivitiesImpl;
import com.opencx.handoff.activities.opencx.SessionActivitiesImpl;
import com.opencx.handoff.activities.replies.RelayActivitiesImpl;
import com.opencx.handoff.activities.replies.RepliesActivitiesImpl;
import com.opencx.handoff.configuration.InvalidConfigurationException;
import com.opencx.handoff.workflows.activities.PolicyActivities;
import com.opencx.handoff.workflows.model.HandoffPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Start-up validation of the worker's configuration (SPEC §6 "At configuration"): {@link
 * ActivitiesConfiguration}, the {@code @Validated} properties records and {@link
 * ConfigurationCheck} are started in a bare {@link ApplicationContextRunner} (no Temporal, no web
 * server, and neither the real process environment nor system properties, so the machine running
 * the tests cannot leak keys in). A complete emulator-style configuration must yield the four
 * activity beans Temporal registers by name; the legacy {@code default_queue_id} / {@code
 * DEFAULT_QUEUE_ID} must stand in for {@code dynamics.workstream-id}; every missing or malformed
 * key must stop the context with the check's report naming that key; client credentials must build
 * an MSAL token provider without touching the network; and no failure may ever repeat a secret
 * (client secret, static token, API key).
 */
class ActivitiesConfigurationTest {

  private static final String WORKSTREAM = "6a9f3c2e-1b4d-4e8f-9a7b-0c1d2e3f4a5b";
  private static final String OTHER_WORKSTREAM = "0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f";
  private static final String CLIENT_SECRET = "s3cr3t-Cl1ent~Secret.Value";
  private static final String STATIC_TOKEN = "emulator-St4tic-T0ken-value";
  private static final String API_KEY = "opencx-Ap1-Key-value";
  private static final String EMULATOR_URL = "http://127.0.0.1:18443";
  private static final String CLOUD_URL = "https://contoso.crm4.dynamics.com";

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({
    DynamicsProperties.class,
    OpenCxProperties.class,
    MediaProperties.class,
    HandoffPolicyProperties.class,
    DirectLineProperties.class
  })
  static class Properties {}

  /** The configuration the local stack uses: loopback emulator, static token, OpenCX mock. */
  private static Map<String, Object> emulator() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("dynamics.environment-url", EMULATOR_URL);
    config.put("dynamics.static-token", STATIC_TOKEN);
    config.put("dynamics.workstream-id", WORKSTREAM);
    config.put("opencx.base-url", "http://127.0.0.1:18444/api");
    config.put("opencx.api-key", API_KEY);
    config.put("handoff.codec.keys", "test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    return config;
  }

  /** Production-style: https environment and Entra client credentials. */
  private static Map<String, Object> cloud() {
    Map<String, Object> config = emulator();
    config.remove("dynamics.static-token");
    config.put("dynamics.environment-url", CLOUD_URL);
    config.put("dynamics.tenant-id", "11111111-2222-4333-8444-555555555555");
    config.put("dynamics.client-id", "99999999-8888-4777-8666-555555555555");
    config.put("dynamics.client-secret", CLIENT_SECRET);
    return config;
  }

  private static Map<String, Object> with(Map<String, Object> config, String key, Object value) {
    config.put(key, value);
    return config;
  }

  private static Map<String, Object> without(Map<String, Object> config, String key) {
    config.remove(key);
    return config;
  }

  /**
   * A runner whose environment holds only {@code config} and, when given, a system-environment
   * source (names like {@code DEFAULT_QUEUE_ID}, resolved the way real environment variables are).
   */
  private static ApplicationContextRunner runner(
      Map<String, Object> config, Map<String, Object> environmentVariables) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
        .withUserConfiguration(
            Properties.class, ConfigurationCheck.class, ActivitiesConfiguration.class)
        .withBean(WorkflowClient.class, () -> mock(WorkflowClient.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new) // actuator's, in the process
        .withInitializer(
            context -> {
              MutablePropertySources sources = context.getEnvironment().getPropertySources();
              sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
              sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
              sources.addFirst(new MapPropertySource("test", config));
              if (!environmentVariables.isEmpty()) {
                sources.addLast(
                    new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        environmentVariables));
              }
            });
  }

  private static ApplicationContextRunner runner(Map<String, Object> config) {
    return runner(config, Map.of());
  }

  /**
   * Asserts the context failed, its root cause names every key, and no secret appears anywhere in
   * the failure (messages or stack trace text).
   */
  private static void assertFailsNaming(AssertableApplicationContext context, String... keys) {
    assertThat(context).hasFailed();
    Throwable failure = context.getStartupFailure();
    assertThat(rootCause(failure)).isInstanceOf(InvalidConfigurationException.class);
    String report =
        String.join("\n", ((InvalidConfigurationException) rootCause(failure)).problems());
    for (String key : keys) {
      assertThat(report).contains(key);
    }
    assertThat(report)
        .doesNotContain(CLIENT_SECRET)
        .doesNotContain(STATIC_TOKEN)
        .doesNotContain(API_KEY);
    assertNoSecrets(failure);
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static void assertNoSecrets(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString())
        .doesNotContain(CLIENT_SECRET)
        .doesNotContain(STATIC_TOKEN)
        .doesNotContain(API_KEY);
  }

  private static DataverseSettings dataverse(AssertableApplicationContext context) {
    assertThat(context).hasNotFailed();
    return context.getBean(DataverseSettings.class);
  }

  @Test
  void emulatorConfigurationYieldsTheActivityBeansByName() {
    runner(emulator())
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean("sessionActivities"))
                  .isInstanceOf(SessionActivitiesImpl.class);
              assertThat(context.getBean("dynamicsActivities"))
                  .isInstanceOf(DynamicsActivitiesImpl.class);
              assertThat(context.getBean("mediaActivities"))
                  .isInstanceOf(MediaActivitiesImpl.class);
              assertThat(context.getBean("auditActivities"))
                  .isInstanceOf(AuditActivitiesImpl.class);
              assertThat(context.getBean("repliesActivities"))
                  .isInstanceOf(RepliesActivitiesImpl.class);
              assertThat(context.getBean("relayActivities"))
                  .isInstanceOf(RelayActivitiesImpl.class);
              assertThat(
                      context.getBean("policyActivities", PolicyActivities.class).handoffPolicy())
                  .isEqualTo(HandoffPolicy.DEFAULTS);
              assertThat(context.getBean(TokenProvider.class))
                  .isInstanceOf(StaticTokenProvider.class);
              DataverseSettings settings = context.getBean(DataverseSettings.class);
              assertThat(settings.environmentUrl()).isEqualTo(EMULATOR_URL);
              assertThat(settings.workstreamId()).isEqualTo(WORKSTREAM);
              assertThat(context.getBean(MediaSettings.class).maxBytes())
                  .isEqualTo(MediaSettings.DEFAULT_MAX_BYTES);
            });
  }

  @Test
  void legacyDefaultQueueIdPropertyStandsInForTheWorkstream() {
    Map<String, Object> config = without(emulator(), "dynamics.workstream-id");
    config.put(ActivitiesConfiguration.LEGACY_WORKSTREAM_KEY, WORKSTREAM.toUpperCase());
    runner(config)
        .run(context -> assertThat(dataverse(context).workstreamId()).isEqualTo(WORKSTREAM));
  }

  @Test
  void defaultQueueIdEnvironmentVariableStandsInForTheWorkstream() {
    runner(without(emulator(), "dynamics.workstream-id"), Map.of("DEFAULT_QUEUE_ID", WORKSTREAM))
        .run(context -> assertThat(dataverse(context).workstreamId()).isEqualTo(WORKSTREAM));
  }

  @Test
  void upperCaseDefaultQueueIdAsAPlainPropertyStandsInForTheWorkstream() {
    runner(with(without(emulator(), "dynamics.workstream-id"), "DEFAULT_QUEUE_ID", WORKSTREAM))
        .run(context -> assertThat(dataverse(context).workstreamId()).isEqualTo(WORKSTREAM));
  }

  @Test
  void workstreamIdAndDefaultQueueIdWithDifferentGuidsFailNamingBothKeys() {
    runner(with(emulator(), "default_queue_id", OTHER_WORKSTREAM))
        .run(context -> assertFailsNaming(context, "dynamics.workstream-id", "default_queue_id"));
  }

  @Test
  void workstreamIdAndDefaultQueueIdEnvironmentVariableWithDifferentGuidsFail() {
    runner(emulator(), Map.of("DEFAULT_QUEUE_ID", OTHER_WORKSTREAM))
        .run(context -> assertFailsNaming(context, "dynamics.workstream-id", "default_queue_id"));
  }

  @Test
  void workstreamIdAndDefaultQueueIdWithTheSameGuidAreFine() {
    runner(with(emulator(), "default_queue_id", " " + WORKSTREAM.toUpperCase() + " "))
        .run(context -> assertThat(dataverse(context).workstreamId()).isEqualTo(WORKSTREAM));
    runner(emulator(), Map.of("DEFAULT_QUEUE_ID", WORKSTREAM))
        .run(context -> assertThat(dataverse(context).workstreamId()).isEqualTo(WORKSTREAM));
  }

  @Test
  void missingEnvironmentUrlFailsNamingTheKey() {
    runner(without(emulator(), "dynamics.environment-url"))
        .run(context -> assertFailsNaming(context, "dynamics.environment-url"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        " ",
        "http://contoso.crm4.dynamics.com",
        "http://10.0.0.5:8080",
        "ftp://127.0.0.1",
        "contoso.crm4.dynamics.com",
        "https://contoso.crm4.dynamics.com/",
        "https://contoso.crm4.dynamics.com/api/data/v9.2",
        "http://127.0.0.1:18443/",
        "http://127.0.0.1:18443/api/data/v9.2",
        "https://contoso.crm4.dynamics.com?x=1"
      })
  void invalidEnvironmentUrlFailsNamingTheKey(String url) {
    runner(with(emulator(), "dynamics.environment-url", url))
        .run(context -> assertFailsNaming(context, "dynamics.environment-url"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://contoso.crm4.dynamics.com/",
        "https://contoso.crm4.dynamics.com/api/data/v9.2",
        "http://contoso.crm4.dynamics.com"
      })
  void invalidEnvironmentUrlWithClientCredentialsFailsWithoutTheSecret(String url) {
    runner(with(cloud(), "dynamics.environment-url", url))
        .run(context -> assertFailsNaming(context, "dynamics.environment-url"));
  }

  @Test
  void missingWorkstreamFailsNamingBothItsKeys() {
    runner(without(emulator(), "dynamics.workstream-id"))
        .run(context -> assertFailsNaming(context, "dynamics.workstream-id", "default_queue_id"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "queue-1", "6a9f3c2e1b4d4e8f9a7b0c1d2e3f4a5b", "{" + WORKSTREAM + "}"})
  void workstreamThatIsNotAGuidFailsNamingTheKey(String workstream) {
    runner(with(emulator(), "dynamics.workstream-id", workstream))
        .run(context -> assertFailsNaming(context, "dynamics.workstream-id"));
    runner(
            with(
                without(emulator(), "dynamics.workstream-id"),
                "default_queue_id",
                workstream.isEmpty() ? " " : workstream))
        .run(context -> assertFailsNaming(context, "dynamics.workstream-id"));
  }

  @Test
  void noCredentialsAtAllFailNamingTheClientCredentialKeys() {
    runner(without(emulator(), "dynamics.static-token"))
        .run(
            context ->
                assertFailsNaming(
                    context, "dynamics.tenant-id", "dynamics.client-id", "dynamics.client-secret"));
  }

  @Test
  void staticTokenWithAnHttpsEnvironmentIsRefused() {
    runner(with(emulator(), "dynamics.environment-url", CLOUD_URL))
        .run(context -> assertFailsNaming(context, "dynamics.static-token"));
  }

  @Test
  void staticTokenTogetherWithClientCredentialsIsRefused() {
    runner(with(cloud(), "dynamics.static-token", STATIC_TOKEN))
        .run(context -> assertFailsNaming(context, "dynamics.static-token"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dynamics.tenant-id", "dynamics.client-id", "dynamics.client-secret"})
  void incompleteClientCredentialsFailNamingTheMissingKey(String key) {
    runner(without(cloud(), key)).run(context -> assertFailsNaming(context, key));
  }

  @Test
  void clientCredentialsBuildAnMsalTokenProviderWithoutANetworkCall() {
    ProxySelector original = ProxySelector.getDefault();
    List<URI> requested = Collections.synchronizedList(new ArrayList<>());
    ProxySelector.setDefault(
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            requested.add(uri);
            // Refuse before any socket or DNS look-up: the test itself never reaches a network.
            throw new IllegalStateException("network access while starting: " + uri);
          }

          @Override
          public void connectFailed(URI uri, SocketAddress address, IOException e) {}
        });
    try {
      runner(cloud())
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                TokenProvider tokens = context.getBean(TokenProvider.class);
                assertThat(tokens).isInstanceOf(MsalTokenProvider.class);
                assertThat(tokens.toString())
                    .contains(CLOUD_URL + "/.default")
                    .doesNotContain(CLIENT_SECRET);
                assertThat(context.getBean("dynamicsActivities"))
                    .isInstanceOf(DynamicsActivitiesImpl.class);
              });
    } finally {
      ProxySelector.setDefault(original);
    }
    assertThat(requested).as("connections attempted while starting").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "api.opencx.example",
        "ftp://api.opencx.example",
        "https://api.opencx.example/",
        "https://api.opencx.example?x=1"
      })
  void invalidOpenCxBaseUrlFailsNamingTheKey(String url) {
    runner(with(emulator(), "opencx.base-url", url))
        .run(context -> assertFailsNaming(context, "opencx.base-url"));
  }

  @Test
  void missingOpenCxBaseUrlFailsNamingTheKey() {
    runner(without(emulator(), "opencx.base-url"))
        .run(context -> assertFailsNaming(context, "opencx.base-url"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void blankOpenCxApiKeyFailsNamingTheKey(String key) {
    runner(with(emulator(), "opencx.api-key", key))
        .run(context -> assertFailsNaming(context, "opencx.api-key"));
  }

  @Test
  void missingOpenCxApiKeyFailsNamingTheKey() {
    runner(without(emulator(), "opencx.api-key"))
        .run(context -> assertFailsNaming(context, "opencx.api-key"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0MB", "-1", "-5MB"})
  void nonPositiveMediaMaxBytesFailsNamingTheKey(String size) {
    runner(with(emulator(), "media.max-bytes", size))
        .run(context -> assertFailsNaming(context, "media.max-bytes"));
  }

  @Test
  void mediaLimitsAreBoundFromDataSizes() {
    Map<String, Object> config = emulator();
    config.put("media.max-bytes", "8MB");
    config.put("media.max-bytes-by-type.video", "4MB");
    runner(config)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              MediaSettings media = context.getBean(MediaSettings.class);
              assertThat(media.maxBytes()).isEqualTo(8L * 1024 * 1024);
              assertThat(media.maxBytesByMimePrefix()).containsEntry("video", 4L * 1024 * 1024);
            });
    runner(with(emulator(), "media.max-bytes-by-type.[video/mp4]", "3MB"))
        .run(
            context ->
                assertThat(context.getBean(MediaSettings.class).maxBytesByMimePrefix())
                    .containsEntry("video/mp4", 3L * 1024 * 1024));
  }

  @Test
  void mediaLimitWhoseSlashSpringDroppedFailsNamingTheKey() {
    // Unbracketed, "video/mp4" binds as "videomp4", a prefix no MIME type has.
    runner(with(emulator(), "media.max-bytes-by-type.video/mp4", "3MB"))
        .run(context -> assertFailsNaming(context, "media.max-bytes-by-type", "in brackets"));
  }

  @Test
  void nonPositiveMediaLimitByTypeFailsNamingTheKey() {
    runner(with(emulator(), "media.max-bytes-by-type.[image/]", "0"))
        .run(context -> assertFailsNaming(context, "media.max-bytes-by-type"));
  }

  @Test
  void noFailureRepeatsASecret() {
    // Secrets set next to a bad key elsewhere: the failure names the key, never a secret value.
    Map<String, Object> config = cloud();
    config.put("dynamics.static-token", STATIC_TOKEN);
    config.put("opencx.base-url", "not a url");
    runner(config).run(context -> assertFailsNaming(context));
    runner(with(cloud(), "dynamics.workstream-id", "nope"))
        .run(context -> assertFailsNaming(context, "dynamics.workstream-id"));
    runner(with(emulator(), "media.max-bytes", "0"))
        .run(context -> assertFailsNaming(context, "media.max-bytes"));
  }
}
