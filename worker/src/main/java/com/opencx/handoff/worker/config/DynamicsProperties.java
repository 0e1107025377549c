package com.opencx.handoff.worker.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code dynamics.*}: the Dataverse environment and how to authenticate to it. Either Entra client
 * credentials ({@code tenant-id}, {@code client-id}, {@code client-secret}) or, for the local
 * emulator only, a {@code static-token}. The workstream may also come from the legacy key {@code
 * default_queue_id}, outside this prefix, so whether one is set at all is checked by {@link
 * ConfigurationProblems}; see {@link ActivitiesConfiguration#workstreamId}. {@code route} is {@code
 * record} or {@code direct-line} ({@link HandoffRoute}, SPEC §10). {@code additional-users}
 * optionally spreads the requests over more application users of the tenant (each has Dataverse
 * limits of its own). Secrets never appear in a message: the constraints below judge them without
 * repeating them.
 */
@Validated
@ConfigurationProperties(prefix = "dynamics", ignoreUnknownFields = false)
public record DynamicsProperties(
    @NotBlank(
            message =
                "is required: the environment's root URL, e.g. https://contoso.crm.dynamics.com")
        @RootUrl
        String environmentUrl,
    @Guid String workstreamId,
    @Pattern(
            regexp = "\\s*[A-Za-z0-9][A-Za-z0-9.-]*\\s*",
            message = "must be the Entra tenant's GUID or domain, e.g. contoso.onmicrosoft.com")
        String tenantId,
    @Guid(message = "must be the app registration's application (client) id, a GUID")
        String clientId,
    String clientSecret,
    String staticToken,
    @DefaultValue("true") boolean phoneMatching,
    @DefaultValue("false") boolean createContactWhenMissing,
    @DefaultValue("20") @Min(value = 1, message = "must be at least 1 request a second")
        int requestsPerSecond,
    @DefaultValue("48")
        @Min(value = 1, message = "must be between 1 and 52 (Dataverse's limit)")
        @Max(value = 52, message = "must be between 1 and 52 (Dataverse's limit)")
        int maxConcurrentRequests,
    @DefaultValue("10s") @DurationMin(millis = 1, message = "must be positive, e.g. 10s")
        Duration connectTimeout,
    @DefaultValue("60s") @DurationMin(millis = 1, message = "must be positive, e.g. 60s")
        Duration readTimeout,
    @DefaultValue("record")
        @Pattern(
            regexp = "(?i)\\s*(record|direct-line)\\s*",
            message = "must be record or direct-line")
        String route,
    List<@Valid ApplicationUser> additionalUsers) {

  /**
   * {@code dynamics.additional-users[n]}: a further application user of the same tenant, with
   * limits of its own; the deployment's budget grows by {@code requests-per-second} with each.
   */
  public record ApplicationUser(
      @NotBlank(message = "is required: the app registration's application (client) id")
          @Guid(message = "must be the app registration's application (client) id, a GUID")
          String clientId,
      @NotBlank(message = "is required: the app registration's client secret")
          String clientSecret) {}

  public DynamicsProperties {
    additionalUsers = additionalUsers == null ? List.of() : List.copyOf(additionalUsers);
  }

  /** How many application users share the requests: the configured one and the additional. */
  public int applicationUsers() {
    return 1 + additionalUsers.size();
  }

  /** Additional users authenticate with Entra, as the first one must then too. */
  @AssertTrue(
      message =
          "dynamics.additional-users need Entra client credentials: set dynamics.tenant-id,"
              + " dynamics.client-id and dynamics.client-secret (not dynamics.static-token)")
  boolean isPoolOfEntraUsers() {
    return additionalUsers.isEmpty() || usesClientCredentials();
  }

  /** True when client credentials are configured; a static token is then not allowed. */
  boolean usesClientCredentials() {
    return !blank(tenantId) || !blank(clientId) || !blank(clientSecret);
  }

  /** One way to authenticate, complete: all three client credentials, or a static token alone. */
  @AssertTrue(
      message =
          "Dataverse credentials: set all of dynamics.tenant-id, dynamics.client-id and"
              + " dynamics.client-secret (or only dynamics.static-token, for the local emulator)")
  boolean isCredentialsComplete() {
    if (usesClientCredentials()) {
      return !blank(tenantId) && !blank(clientId) && !blank(clientSecret);
    }
    return !blank(staticToken);
  }

  /** A static token never leaves the machine: only with an http loopback URL, no Entra keys. */
  @AssertTrue(
      message =
          "dynamics.static-token is for the local emulator only: not beside client credentials"
              + " (dynamics.tenant-id/client-id/client-secret) nor with an https"
              + " dynamics.environment-url")
  boolean isStaticTokenLocal() {
    if (blank(staticToken)) {
      return true;
    }
    String url = environmentUrl == null ? "" : environmentUrl.strip().toLowerCase(Locale.ROOT);
    return !usesClientCredentials() && !url.startsWith("https://");
  }

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
