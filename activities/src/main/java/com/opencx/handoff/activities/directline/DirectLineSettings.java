package com.opencx.handoff.activities.directline;

import com.opencx.handoff.activities.settings.SettingRules;
import java.time.Duration;

/**
 * Where Direct Line is and how long to wait for it. Checked when built, so that a worker with a
 * wrong base URL stops at start-up naming {@code directline.base-url} instead of failing its first
 * handoff. The base URL is a root without a path because regional bots need their own host
 * (directline.md §1: {@code europe.}/{@code india.directline.botframework.com}; the global URI can
 * answer 403 for them) and every route below it is fixed by Direct Line 3.0. Plain http is accepted
 * for loopback hosts only, the same rule as {@code dynamics.environment-url}, so that the local
 * Direct Line emulator can run without TLS while a secret is never sent in clear over a network.
 *
 * @param baseUrl e.g. {@code https://directline.botframework.com}, no trailing slash
 * @param connectTimeout TCP/TLS connect timeout; null means 10 s
 * @param readTimeout read and write timeout; null means 30 s (Direct Line gives up on a bot after
 *     about 15 s and answers 502, directline.md §3)
 */
public record DirectLineSettings(String baseUrl, Duration connectTimeout, Duration readTimeout) {

  public static final String DEFAULT_BASE_URL = "https://directline.botframework.com";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  private static final String KEY = "directline.base-url";

  public DirectLineSettings {
    baseUrl = checkBaseUrl(baseUrl);
    connectTimeout =
        positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "directline.connect-timeout");
    readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT, "directline.read-timeout");
  }

  /** The base URL with the default timeouts. */
  public static DirectLineSettings of(String baseUrl) {
    return new DirectLineSettings(baseUrl, null, null);
  }

  private static String checkBaseUrl(String url) {
    return SettingRules.rootUrl(url, KEY, "Direct Line's root URL", DEFAULT_BASE_URL);
  }

  private static Duration positive(Duration value, Duration fallback, String key) {
    return SettingRules.positive(value, fallback, key);
  }
}
