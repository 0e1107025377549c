package com.opencx.handoff.devstack;

import com.opencx.handoff.emulators.DemoData;
import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.emulators.directline.Channel;
import com.opencx.handoff.emulators.directline.DirectLineEmulator;
import com.opencx.handoff.emulators.opencx.OpenCxEmulator;
import com.opencx.handoff.logging.PlainLogFormatter;
import com.opencx.handoff.starter.StarterApplication;
import com.opencx.handoff.worker.WorkerApplication;
import com.opencx.handoff.worker.verify.Verification;
import com.opencx.handoff.worker.verify.VerifyReport;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole product on one machine with no outside services: both emulators seeded with a demo
 * session, a Temporal service, the worker and the HTTP API, each wired to the others exactly as in
 * production but through configuration only. Used by {@code ./mvnw -pl devstack spring-boot:run}
 * (see {@link DevStackMain}) and by the end-to-end tests.
 */
public final class DevStack implements Closeable {

  /** Dev-only credentials; they guard nothing but the emulators and are printed on start. */
  public static final String DATAVERSE_TOKEN = "dev-dataverse-token";

  public static final String OPENCX_API_KEY = "dev-opencx-api-key";
  public static final String API_TOKEN = "dev-opencx-token-0001";
  public static final String OPS_TOKEN = "dev-ops-token-000001";
  public static final String DIRECT_LINE_SECRET = "dev-direct-line-secret";

  /**
   * The control key of all three emulators' control API ({@code /emulator/faults}, {@code
   * /emulator/limits}, seed data; on Direct Line also the rep's console): separate from every API
   * credential, so rehearsing a fault never needs one.
   */
  public static final String EMULATOR_CONTROL_KEY = "dev-emulator-control";

  public static final String DIRECT_LINE_CONTROL_KEY = EMULATOR_CONTROL_KEY;
  public static final String BOT_HANDLE = "dev-omnichannel-bot";

  /** Where things listen; 0 picks a free port. */
  public record Ports(
      int api, int worker, int dataverse, int openCx, int temporal, int temporalUi) {
    public static Ports defaults() {
      return new Ports(8080, 8081, 8091, 8092, 7233, 8233);
    }

    /** Every port moved by {@code offset}, for a second stack on the same machine. */
    public Ports shifted(int offset) {
      return new Ports(
          api + offset,
          worker + offset,
          dataverse + offset,
          openCx + offset,
          temporal + offset,
          temporalUi + offset);
    }
  }

  public final DataverseEmulator dataverse;
  public final OpenCxEmulator openCx;

  /** Direct Line with Omnichannel's routing simulated into {@link #dataverse} (SPEC §10). */
  public final DirectLineEmulator directLine;

  final TemporalService temporal;
  private final ConfigurableApplicationContext worker;
  private final ConfigurableApplicationContext api;
  private final String state;
  private final Map<String, Object> workerProperties;

  private DevStack(
      DataverseEmulator dataverse,
      OpenCxEmulator openCx,
      DirectLineEmulator directLine,
      TemporalService temporal,
      ConfigurableApplicationContext worker,
      ConfigurableApplicationContext api,
      String state,
      Map<String, Object> workerProperties) {
    this.dataverse = dataverse;
    this.openCx = openCx;
    this.directLine = directLine;
    this.temporal = temporal;
    this.worker = worker;
    this.api = api;
    this.state = state;
    this.workerProperties = workerProperties;
  }

  /**
   * Starts everything, in dependency order. {@code externalTemporal} is used with {@link
   * TemporalService.Mode#EXTERNAL}, e.g. {@code 127.0.0.1:7233}.
   */
  public static DevStack start(
      Ports ports, TemporalService.Mode mode, String externalTemporal, Path dataDir)
      throws Exception {
    return start(ports, mode, externalTemporal, dataDir, Map.of());
  }

  /** As above, with extra worker settings (e.g. {@code dynamics.requests-per-second}). */
  public static DevStack start(
      Ports ports,
      TemporalService.Mode mode,
      String externalTemporal,
      Path dataDir,
      Map<String, Object> workerOverrides)
      throws Exception {
    return start(ports, mode, externalTemporal, dataDir, workerOverrides, false);
  }

  /**
   * As above; {@code keepState} keeps the dev server's history from the last run (see {@link
   * DevStackState}), which is otherwise deleted so that it matches the empty emulators.
   */
  public static DevStack start(
      Ports ports,
      TemporalService.Mode mode,
      String externalTemporal,
      Path dataDir,
      Map<String, Object> workerOverrides,
      boolean keepState)
      throws Exception {
    String state = DevStackState.prepare(dataDir, keepState);
    String payloadKeys = DevStackKey.prepare(dataDir, keepState);
    List<AutoCloseable> started = new ArrayList<>();
    try {
      DataverseEmulator dataverse =
          remember(started, DataverseEmulator.start(ports.dataverse(), DATAVERSE_TOKEN));
      OpenCxEmulator openCx =
          remember(started, OpenCxEmulator.start(ports.openCx(), OPENCX_API_KEY));
      DemoData.seed(dataverse, openCx);
      dataverse.enableControlApi(EMULATOR_CONTROL_KEY);
      openCx.enableControlApi(EMULATOR_CONTROL_KEY);
      DirectLineEmulator directLine =
          remember(
              started,
              DirectLineEmulator.start(
                  0,
                  0,
                  DIRECT_LINE_CONTROL_KEY,
                  dataverse,
                  new Channel(DIRECT_LINE_SECRET, DemoData.WORKSTREAM_ID, BOT_HANDLE)));
      TemporalService temporal =
          remember(
              started,
              TemporalService.start(
                  mode,
                  externalTemporal,
                  ports.temporal(),
                  ports.temporalUi(),
                  dataDir,
                  ports.api() > 0 ? "http://127.0.0.1:" + ports.api() + "/codec" : null));
      Map<String, Object> workerProperties =
          workerProperties(
              ports, temporal, dataverse, openCx, directLine, payloadKeys, workerOverrides);
      ConfigurableApplicationContext worker =
          remember(
              started,
              new SpringApplicationBuilder(WorkerApplication.class).run(args(workerProperties)));
      ConfigurableApplicationContext api =
          remember(
              started,
              new SpringApplicationBuilder(StarterApplication.class)
                  .run(args(apiProperties(ports, temporal, payloadKeys))));
      return new DevStack(
          dataverse,
          openCx,
          directLine,
          temporal,
          worker,
          api,
          state + "\n  " + DevStackKey.bannerLine(dataDir),
          workerProperties);
    } catch (Exception | Error e) {
      // Whatever did start must not outlive the failure (emulator threads would keep the JVM up).
      for (int i = started.size() - 1; i >= 0; i--) {
        try {
          started.get(i).close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static final String LOG_FORMAT = "logging.structured.format.console";

  /**
   * A terminal is read by a person: plain lines, masked like the JSON ones the services default to,
   * unless {@code LOGGING_STRUCTURED_FORMAT_CONSOLE} asks for another format.
   */
  private static String logFormat() {
    String asked = System.getenv("LOGGING_STRUCTURED_FORMAT_CONSOLE");
    return asked == null || asked.isBlank() ? PlainLogFormatter.class.getName() : asked;
  }

  /** As command-line arguments, so they win over each application's YAML and environment. */
  private static String[] args(Map<String, Object> properties) {
    return properties.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
  }

  private static <T extends AutoCloseable> T remember(List<AutoCloseable> started, T resource) {
    started.add(resource);
    return resource;
  }

  private static Map<String, Object> workerProperties(
      Ports ports,
      TemporalService temporal,
      DataverseEmulator dataverse,
      OpenCxEmulator openCx,
      DirectLineEmulator directLine,
      String payloadKeys,
      Map<String, Object> overrides) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("handoff.codec.keys", payloadKeys);
    props.put("spring.config.name", "handoff-worker");
    props.put(LOG_FORMAT, logFormat());
    props.put("server.port", ports.worker());
    // The API's springdoc is on this JVM's classpath; the worker has no HTTP API to describe.
    props.put("springdoc.api-docs.enabled", false);
    props.put("springdoc.swagger-ui.enabled", false);
    props.put("spring.temporal.connection.target", temporal.target);
    props.put("dynamics.environment-url", dataverse.environmentUrl());
    props.put("dynamics.static-token", DATAVERSE_TOKEN);
    props.put("default_queue_id", DemoData.WORKSTREAM_ID); // the legacy key, as OpenCX names it
    props.put("opencx.base-url", openCx.baseUrl());
    props.put("opencx.api-key", OPENCX_API_KEY);
    props.put("directline.base-url", directLine.baseUrl());
    props.put("directline.bot-handle", BOT_HANDLE);
    props.put("directline.channels[0].workstream-id", DemoData.WORKSTREAM_ID);
    props.put("directline.channels[0].secret", DIRECT_LINE_SECRET);
    // Relay shards of their own per payload key: a dev server shared by several stacks (the e2e
    // suite) holds other stacks' shards, whose histories this stack's key cannot decrypt.
    props.put("directline.relay.shard-prefix", "directline-relay-" + keyTag(payloadKeys) + "-");
    props.putAll(overrides);
    return props;
  }

  /** Eight hex digits naming the key without revealing it. */
  private static String keyTag(String payloadKeys) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(payloadKeys.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> apiProperties(
      Ports ports, TemporalService temporal, String payloadKeys) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("handoff.codec.keys", payloadKeys);
    props.put("spring.config.name", "handoff-api");
    props.put(LOG_FORMAT, logFormat());
    props.put("server.port", ports.api());
    props.put("spring.temporal.connection.target", temporal.target);
    props.put("handoff.api.opencx-tokens", API_TOKEN);
    props.put("handoff.api.ops-tokens", OPS_TOKEN);
    // A parked demo handoff shows in handoff_parked within seconds (production: once a minute).
    props.put("handoff.metrics.parked-refresh", "5s");
    if (ports.temporalUi() > 0) { // the dev server's UI may call the codec endpoint
      props.put(
          "handoff.api.codec-cors-origins",
          "http://127.0.0.1:" + ports.temporalUi() + ",http://localhost:" + ports.temporalUi());
    }
    return props;
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + api.getEnvironment().getProperty("local.server.port");
  }

  public String workerUrl() {
    return "http://127.0.0.1:" + worker.getEnvironment().getProperty("local.server.port");
  }

  /**
   * The agent inbox page with the control key in the fragment ({@code #key=}), which the browser
   * keeps to itself: the page reads it there and calls the rep's control API with it.
   */
  public String inboxUrl() {
    return directLine.inboxUrl() + "#key=" + DIRECT_LINE_CONTROL_KEY;
  }

  public String temporalTarget() {
    return temporal.target;
  }

  /**
   * The command-line arguments of one more worker of this stack, with {@code overrides} on top of
   * this stack's worker settings: for benchmarks that run workers as processes of their own
   * (several of them, or one whose heap is measured without the emulators in it).
   */
  public String[] workerArguments(Map<String, Object> overrides) {
    Map<String, Object> properties = new LinkedHashMap<>(workerProperties);
    properties.putAll(overrides);
    return args(properties);
  }

  /**
   * Stops the worker, leaving the API, Temporal and the emulators up: what ops see when every
   * worker is down (tests of the calls that must answer without one). Not undone; {@link #close}
   * still closes everything.
   */
  public void stopWorker() {
    worker.close();
  }

  /**
   * The worker's {@code verify} checks, run by the running worker against the emulators with its
   * own configuration (the same as {@code java -jar worker.jar verify} with this configuration).
   */
  public VerifyReport verify() {
    return worker.getBean(Verification.class).run();
  }

  /** What a person needs to try it: where everything is and one curl line. */
  public String banner() {
    return String.join(
        "\n",
        "",
        "WhatsApp -> Dynamics 365 handoff dev stack is up",
        "  API                 "
            + apiUrl()
            + "   (Bearer "
            + API_TOKEN
            + "; ops: "
            + OPS_TOKEN
            + ")",
        "  worker health       " + workerUrl() + "/actuator/health",
        "  Temporal            " + temporal.target + "   " + temporal.description,
        "  Dataverse emulator  " + dataverse.environmentUrl() + "/api/data/v9.2/",
        "  OpenCX emulator     " + openCx.baseUrl(),
        "  Direct Line emul.   "
            + directLine.baseUrl()
            + "/v3/directline/ (rep controls: /emulator/directline/, key "
            + DIRECT_LINE_CONTROL_KEY
            + ")",
        "  Agent inbox         " + inboxUrl() + "   (act as the Omnichannel rep in a browser)",
        "  " + state,
        "",
        "Start the demo handoff:",
        "  " + DemoRequest.curl(apiUrl(), API_TOKEN),
        "Then read it:",
        "  curl -s -H 'Authorization: Bearer "
            + API_TOKEN
            + "' "
            + apiUrl()
            + "/v1/handoffs/"
            + DemoData.SESSION_ID,
        "The customer writes again, with a photo (relayed to the rep's chat on direct-line):",
        "  " + DemoRequest.messageCurl(apiUrl(), API_TOKEN),
        "What the rep reads (direct-line route; the status's conversationId):",
        "  curl -s -H 'Authorization: Bearer "
            + DIRECT_LINE_CONTROL_KEY
            + "' "
            + directLine.baseUrl()
            + "/emulator/directline/conversations/<conversationId>",
        "Rehearse a fault (docs/runbook.md, \"Rehearse it\"; same on the OpenCX and Direct Line"
            + " emulators):",
        "  curl -s -X POST -H 'Authorization: Bearer "
            + EMULATOR_CONTROL_KEY
            + "' "
            + dataverse.environmentUrl()
            + "/emulator/faults -d"
            + " '{\"method\":\"PATCH\",\"pathContains\":\"msdyn_ocliveworkitems(\","
            + "\"kind\":\"STATUS\",\"status\":403,\"inBatch\":true}'",
        "  curl -s -H 'Authorization: Bearer "
            + EMULATOR_CONTROL_KEY
            + "' "
            + dataverse.environmentUrl()
            + "/emulator/faults      # armed; DELETE clears, /emulator/limits throttles",
        "");
  }

  @Override
  public void close() {
    api.close();
    worker.close();
    try {
      temporal.close();
    } catch (java.io.IOException e) {
      // best effort on shutdown
    }
    openCx.close();
    directLine.close();
    dataverse.close();
  }
}
