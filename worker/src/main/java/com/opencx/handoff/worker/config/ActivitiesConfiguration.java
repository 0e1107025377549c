package com.opencx.handoff.worker.config;

import com.opencx.handoff.activities.directline.Channels;
import com.opencx.handoff.activities.directline.DirectLineActivitiesImpl;
import com.opencx.handoff.activities.directline.DirectLineClient;
import com.opencx.handoff.activities.directline.DirectLineSettings;
import com.opencx.handoff.activities.directline.DirectLineUploads;
import com.opencx.handoff.activities.dynamics.DataverseClient;
import com.opencx.handoff.activities.dynamics.DataverseSettings;
import com.opencx.handoff.activities.dynamics.DynamicsActivitiesImpl;
import com.opencx.handoff.activities.dynamics.MsalTokenProvider;
import com.opencx.handoff.activities.dynamics.StaticTokenProvider;
import com.opencx.handoff.activities.dynamics.TokenProvider;
import com.opencx.handoff.activities.media.MediaActivitiesImpl;
import com.opencx.handoff.activities.media.MediaSettings;
import com.opencx.handoff.activities.opencx.AuditActivitiesImpl;
import com.opencx.handoff.activities.opencx.OpenCxClient;
import com.opencx.handoff.activities.opencx.OpenCxSettings;
import com.opencx.handoff.activities.opencx.SessionActivitiesImpl;
import com.opencx.handoff.activities.policy.PolicyActivitiesImpl;
import com.opencx.handoff.activities.replies.RelayActivitiesImpl;
import com.opencx.handoff.activities.replies.RelaySettings;
import com.opencx.handoff.activities.replies.RepliesActivitiesImpl;
import com.opencx.handoff.worker.temporal.DataverseThrottles;
import com.opencx.handoff.worker.temporal.SharedDataverseThrottle;
import com.opencx.handoff.workflows.HandoffWorkflow;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Builds the clients and the six activity beans from {@code dynamics.*}, {@code opencx.*} and
 * {@code media.*}. The properties records are validated when they bind (and all at once before, by
 * {@link ConfigurationCheck}); the settings records built here check themselves again, so a
 * settings record built wrong is caught as the bug it is. Bean names are the ones {@code
 * spring.temporal.workers[0] .activity-beans} registers.
 */
@Configuration
public class ActivitiesConfiguration {

  /** The legacy name for the workstream GUID, as OpenCX's configuration calls it. */
  static final String LEGACY_WORKSTREAM_KEY = "default_queue_id";

  /** How often the Direct Line route asks Dataverse whether routing created the record. */
  static final Duration DIRECT_LINE_ROUTING_POLL = Duration.ofSeconds(2);

  @Bean
  DataverseSettings dataverseSettings(DynamicsProperties dynamics, Environment environment) {
    return new DataverseSettings(
        dynamics.environmentUrl(),
        workstreamId(dynamics.workstreamId(), environment),
        dynamics.phoneMatching(),
        dynamics.createContactWhenMissing(),
        dynamics.requestsPerSecond(),
        dynamics.maxConcurrentRequests(),
        dynamics.connectTimeout(),
        dynamics.readTimeout());
  }

  /**
   * {@code dynamics.workstream-id}, else the legacy {@code default_queue_id} (property, env var
   * {@code DEFAULT_QUEUE_ID} or secrets file). Both set to different values is a mistake worth
   * stopping for.
   */
  static String workstreamId(String configured, Environment environment) {
    String legacy = environment.getProperty(LEGACY_WORKSTREAM_KEY);
    if (legacy == null) {
      legacy = environment.getProperty(LEGACY_WORKSTREAM_KEY.toUpperCase());
    }
    if (DynamicsProperties.blank(configured)) {
      return legacy;
    }
    if (!DynamicsProperties.blank(legacy) && !legacy.trim().equalsIgnoreCase(configured.trim())) {
      throw new IllegalArgumentException(
          "dynamics.workstream-id and its legacy name default_queue_id are both set, to different"
              + " workstreams; set only one");
    }
    return configured;
  }

  /** The configured application user's tokens: the identity {@code verify} checks. */
  @Bean
  TokenProvider dataverseTokens(DynamicsProperties dynamics, DataverseSettings settings) {
    if (dynamics.usesClientCredentials()) {
      return entra(dynamics, dynamics.clientId(), dynamics.clientSecret(), settings);
    }
    return new StaticTokenProvider(dynamics.staticToken());
  }

  /**
   * Sends as the configured application user and then {@code dynamics.additional-users} in turn, in
   * the same order on every worker, so user {@code n} is the same identity everywhere and shares
   * one hold ({@link DataverseThrottles}).
   */
  @Bean
  DataverseClient dataverseClient(
      DataverseSettings settings,
      DynamicsProperties dynamics,
      TokenProvider dataverseTokens,
      MeterRegistry registry,
      DataverseThrottles throttles) {
    List<TokenProvider> users = new ArrayList<>(List.of(dataverseTokens));
    for (DynamicsProperties.ApplicationUser user : dynamics.additionalUsers()) {
      users.add(entra(dynamics, user.clientId(), user.clientSecret(), settings));
    }
    return new DataverseClient(settings, users, registry, throttles.perUser());
  }

  /** One deployment-wide hold per application user, in the users' order. */
  @Bean
  DataverseThrottles dataverseThrottles(WorkflowClient client, DynamicsProperties dynamics) {
    List<SharedDataverseThrottle> users = new ArrayList<>();
    for (int user = 0; user < dynamics.applicationUsers(); user++) {
      users.add(new SharedDataverseThrottle(client, user, Clock.systemUTC()));
    }
    return new DataverseThrottles(users);
  }

  private static TokenProvider entra(
      DynamicsProperties dynamics, String clientId, String secret, DataverseSettings settings) {
    return new MsalTokenProvider(
        dynamics.tenantId(), clientId.strip(), secret, settings.environmentUrl());
  }

  @Bean
  OpenCxClient openCxClient(OpenCxProperties openCx, MeterRegistry registry) {
    return new OpenCxClient(
        new OpenCxSettings(
            openCx.baseUrl(), openCx.apiKey(), openCx.connectTimeout(), openCx.readTimeout()),
        registry);
  }

  @Bean
  MediaSettings mediaSettings(MediaProperties media) {
    Map<String, Long> byType = new LinkedHashMap<>();
    if (media.maxBytesByType() != null) {
      media.maxBytesByType().forEach((type, size) -> byType.put(type, size.toBytes()));
    }
    return new MediaSettings(media.maxBytes().toBytes(), byType, media.allowedTypes());
  }

  @Bean
  SessionActivitiesImpl sessionActivities(OpenCxClient openCx) {
    return new SessionActivitiesImpl(openCx);
  }

  @Bean
  DynamicsActivitiesImpl dynamicsActivities(DataverseClient client, DataverseSettings settings) {
    return new DynamicsActivitiesImpl(client, settings);
  }

  /** On the Direct Line route files go into the conversation, through the same channels. */
  @Bean
  MediaActivitiesImpl mediaActivities(
      OpenCxClient openCx,
      DataverseClient client,
      MediaSettings settings,
      DirectLineClient directLineClient,
      DirectLineProperties directLine,
      MeterRegistry registry) {
    return new MediaActivitiesImpl(
        openCx,
        client,
        settings,
        new DirectLineUploads(directLineClient, secretsByWorkstream(directLine)),
        registry);
  }

  @Bean
  AuditActivitiesImpl auditActivities(OpenCxClient openCx) {
    return new AuditActivitiesImpl(openCx);
  }

  @Bean
  PolicyActivitiesImpl policyActivities(
      HandoffPolicyProperties policy, DynamicsProperties dynamics) {
    return new PolicyActivitiesImpl(policy.policy(dynamics.route()));
  }

  /**
   * The Direct Line route's activities, registered whatever the route (a run keeps the route it
   * started with); without channels configured they refuse every workstream, naming the key.
   */
  @Bean
  DirectLineActivitiesImpl directLineActivities(
      DirectLineClient directLineClient,
      DirectLineProperties directLine,
      DataverseClient dataverse) {
    return new DirectLineActivitiesImpl(
        directLineClient, dataverse, secretsByWorkstream(directLine), DIRECT_LINE_ROUTING_POLL);
  }

  /** The rep's side of Direct Line handoffs: deliveries to OpenCX, notices, the relay's shards. */
  @Bean
  RepliesActivitiesImpl repliesActivities(
      OpenCxClient openCx,
      DirectLineClient directLineClient,
      DirectLineProperties directLine,
      WorkflowClient temporal,
      MeterRegistry registry) {
    return new RepliesActivitiesImpl(
        openCx,
        directLineClient,
        new Channels(secretsByWorkstream(directLine)),
        temporal,
        HandoffWorkflow.TASK_QUEUE,
        directLine.relay().shardPrefix(),
        registry);
  }

  /** The relay's reader turns, each reading one shard's conversations (ReplyRelayWorkflow). */
  @Bean
  RelayActivitiesImpl relayActivities(
      DirectLineClient directLineClient, DirectLineProperties directLine, WorkflowClient temporal) {
    DirectLineProperties.Relay relay = directLine.relay();
    return new RelayActivitiesImpl(
        directLineClient,
        new Channels(secretsByWorkstream(directLine)),
        temporal,
        new RelaySettings(
            directLine.botHandle() == null ? "" : directLine.botHandle().strip(),
            relay.hotEvery(),
            relay.idleEvery(),
            relay.hotFor(),
            relay.turn(),
            relay.membershipEvery(),
            relay.stream(),
            relay.troubleAfter()));
  }

  @Bean
  DirectLineClient directLineClient(DirectLineProperties directLine, MeterRegistry registry) {
    return new DirectLineClient(
        new DirectLineSettings(
            directLine.baseUrl(), directLine.connectTimeout(), directLine.readTimeout()),
        registry);
  }

  private static Map<String, String> secretsByWorkstream(DirectLineProperties directLine) {
    Map<String, String> secrets = new HashMap<>();
    if (directLine.channels() != null) {
      for (DirectLineProperties.Channel channel : directLine.channels()) {
        secrets.put(channel.workstreamId().strip().toLowerCase(Locale.ROOT), channel.secret());
      }
    }
    return secrets;
  }
}
