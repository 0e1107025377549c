package com.opencx.handoff.activities.dynamics;

import com.opencx.handoff.activities.settings.SettingRules;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How this process talks to one Dataverse environment: where it is, which Omnichannel workstream
 * routes handoffs by default, how contacts are matched, and how hard the service may be pushed.
 * Everything is checked here, when the worker starts, so a bad configuration stops the process with
 * a message naming the configuration key instead of failing the first handoff. The environment URL
 * must be https without a path (plain http is accepted for loopback hosts only, so the local
 * Dataverse emulator can run without TLS); the workstream must be a GUID.
 *
 * @param environmentUrl e.g. {@code https://contoso.crm4.dynamics.com}, no trailing slash
 * @param workstreamId the Omnichannel workstream GUID used when a handoff names none (legacy key
 *     {@code default_queue_id})
 * @param phoneMatching match the customer's E.164 phone when the email finds no contact
 * @param createContactWhenMissing create a contact when nothing matches
 * @param requestsPerSecond client-side request budget shared by all activities of the process
 * @param maxConcurrentRequests client-side cap on requests in flight (Dataverse allows 52)
 * @param connectTimeout TCP/TLS connect timeout; null means 10 s
 * @param readTimeout read and write timeout; null means 60 s (4 MB upload blocks)
 */
public record DataverseSettings(
    String environmentUrl,
    String workstreamId,
    boolean phoneMatching,
    boolean createContactWhenMissing,
    int requestsPerSecond,
    int maxConcurrentRequests,
    Duration connectTimeout,
    Duration readTimeout) {

  public static final int DEFAULT_REQUESTS_PER_SECOND = 20;
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 48;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  private static final Pattern GUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  public DataverseSettings {
    environmentUrl = checkEnvironmentUrl(environmentUrl);
    if (workstreamId == null || !GUID.matcher(workstreamId.trim()).matches()) {
      throw new IllegalArgumentException(
          "dynamics.workstream-id (legacy default_queue_id) must be an Omnichannel workstream GUID,"
              + " got "
              + (workstreamId == null ? "nothing" : "'" + workstreamId + "'"));
    }
    workstreamId = workstreamId.trim().toLowerCase(Locale.ROOT);
    if (requestsPerSecond < 1) {
      throw new IllegalArgumentException("dynamics.requests-per-second must be at least 1");
    }
    if (maxConcurrentRequests < 1 || maxConcurrentRequests > 52) {
      throw new IllegalArgumentException(
          "dynamics.max-concurrent-requests must be between 1 and 52 (Dataverse's limit)");
    }
    connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "dynamics.connect-timeout");
    readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT, "dynamics.read-timeout");
  }

  /** The defaults: phone matching on, no contact creation, 20 requests/s, 48 in flight. */
  public static DataverseSettings of(String environmentUrl, String workstreamId) {
    return new DataverseSettings(
        environmentUrl,
        workstreamId,
        true,
        false,
        DEFAULT_REQUESTS_PER_SECOND,
        DEFAULT_MAX_CONCURRENT_REQUESTS,
        null,
        null);
  }

  /** True when {@code id} looks like a Dataverse GUID. */
  static boolean isGuid(String id) {
    return id != null && GUID.matcher(id).matches();
  }

  /** The Web API root, {@code <environmentUrl>/api/data/v9.2/}. */
  String apiBase() {
    return environmentUrl + "/api/data/v9.2/";
  }

  private static String checkEnvironmentUrl(String url) {
    return SettingRules.rootUrl(
        url,
        "dynamics.environment-url",
        "the environment's root URL",
        "https://contoso.crm.dynamics.com");
  }

  private static Duration positive(Duration value, Duration fallback, String key) {
    return SettingRules.positive(value, fallback, key);
  }
}
