package com.opencx.handoff.activities.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.opencx.handoff.activities.dynamics.DataverseClient;
import com.opencx.handoff.activities.dynamics.DataverseSettings;
import com.opencx.handoff.activities.dynamics.TokenProvider;
import com.opencx.handoff.activities.opencx.OpenCxClient;
import com.opencx.handoff.activities.opencx.OpenCxSettings;
import com.opencx.handoff.emulators.DemoData;
import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.emulators.opencx.OpenCxEmulator;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Wiring shared by the emulator tests: the real clients pointed at the real emulators over loopback
 * HTTP, with the same credentials on both sides and short timeouts so that a hang fails a test
 * instead of stalling the build. Nothing here fakes a response; it only builds the objects the
 * worker would build from configuration.
 */
final class Emulated {

  static final String DATAVERSE_TOKEN = "dataverse-emulator-token";
  static final String OPENCX_KEY = "opencx-emulator-key";
  static final String WORKSTREAM_ID = DemoData.WORKSTREAM_ID;
  static final String WORK_ITEMS = "msdyn_ocliveworkitems";
  static final String CONTEXT_ITEMS = "msdyn_ocliveworkitemcontextitems";
  static final String ANNOTATIONS = "annotations";

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private Emulated() {}

  /** A Dataverse emulator on a free port with the WhatsApp workstream of the demo data. */
  static DataverseEmulator dataverse() {
    DataverseEmulator dataverse = DataverseEmulator.start(0, DATAVERSE_TOKEN);
    dataverse.addWorkstream(WORKSTREAM_ID, DemoData.WORKSTREAM_NAME, 192300000);
    return dataverse;
  }

  static OpenCxEmulator openCx() {
    return OpenCxEmulator.start(0, OPENCX_KEY);
  }

  /** An OpenCX emulator whose 24-hour window is judged by {@code clock}. */
  static OpenCxEmulator openCx(Clock clock) {
    return OpenCxEmulator.start(0, OPENCX_KEY, clock);
  }

  /** Production defaults (phone matching on, 20 requests/s) aimed at the emulator. */
  static DataverseSettings settings(DataverseEmulator dataverse) {
    return settings(dataverse, false);
  }

  /** The defaults, optionally creating a contact when nothing matches. */
  static DataverseSettings settings(DataverseEmulator dataverse, boolean createContactWhenMissing) {
    return new DataverseSettings(
        dataverse.environmentUrl(),
        WORKSTREAM_ID,
        true,
        createContactWhenMissing,
        DataverseSettings.DEFAULT_REQUESTS_PER_SECOND,
        DataverseSettings.DEFAULT_MAX_CONCURRENT_REQUESTS,
        TIMEOUT,
        TIMEOUT);
  }

  static DataverseClient client(DataverseEmulator dataverse, TokenProvider tokens) {
    return new DataverseClient(settings(dataverse), tokens);
  }

  static OpenCxClient openCxClient(OpenCxEmulator openCx) {
    return new OpenCxClient(new OpenCxSettings(openCx.baseUrl(), OPENCX_KEY, TIMEOUT, TIMEOUT));
  }

  /** The context items bound to {@code workItemId}, as name → stored row. */
  static Map<String, Map<String, Object>> contextItems(
      DataverseEmulator dataverse, String workItemId) {
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    for (Map<String, Object> row : dataverse.records(CONTEXT_ITEMS)) {
      if (workItemId.equals(row.get("_msdyn_ocliveworkitemid_value"))) {
        assertThat(byName.put((String) row.get("msdyn_name"), row))
            .as("one context item per name")
            .isNull();
      }
    }
    return byName;
  }

  /**
   * The logged requests as method and resource without query or status, e.g. {@code POST $batch} or
   * {@code GET contacts}.
   */
  static List<String> requests(DataverseEmulator dataverse) {
    return dataverse.requestLog().stream()
        .map(
            line -> {
              String[] words = line.split(" ", 3);
              String path = words[1].replace(DataverseEmulator.API_PATH, "");
              int query = path.indexOf('?');
              return words[0] + " " + (query < 0 ? path : path.substring(0, query));
            })
        .toList();
  }

  static ApplicationFailure failure(ThrowingCallable call) {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, call);
    assertThat(failure).as("an ApplicationFailure is thrown").isNotNull();
    return failure;
  }

  /**
   * The emulator accepts exactly one token, so "refreshing" hands back the same one; what matters
   * is how often the client asked.
   */
  static final class CountingTokens implements TokenProvider {
    final AtomicInteger refreshes = new AtomicInteger();

    @Override
    public String token() {
      return DATAVERSE_TOKEN;
    }

    @Override
    public String refresh() {
      refreshes.incrementAndGet();
      return DATAVERSE_TOKEN;
    }
  }
}
