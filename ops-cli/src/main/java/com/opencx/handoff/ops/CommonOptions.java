package com.opencx.handoff.ops;

import com.opencx.handoff.codec.PayloadKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every subcommand shares, mixed into each, and how they fall back to the environment.
 * The environment names are the worker's and the API's own ({@code TEMPORAL_ADDRESS}, {@code
 * TEMPORAL_NAMESPACE}, {@code HANDOFF_CODEC_KEYS}, the secret file {@code handoff.codec.keys} in
 * {@code HANDOFF_SECRETS_DIR}), so an operator on a worker's host needs no setting of its own. The
 * keys are never taken from the command line, where {@code ps} and shell history would show them.
 */
final class CommonOptions {

  static final String DEFAULT_ADDRESS = "127.0.0.1:7233";
  static final String DEFAULT_SECRETS_DIR = "/run/secrets";

  @Option(
      names = "--address",
      paramLabel = "HOST:PORT",
      description = "Temporal frontend (env TEMPORAL_ADDRESS; default " + DEFAULT_ADDRESS + ")")
  String address;

  @Option(
      names = "--namespace",
      paramLabel = "NAME",
      description = "Temporal namespace (env TEMPORAL_NAMESPACE; default default)")
  String namespace;

  @Option(
      names = "--codec-keys-file",
      paramLabel = "FILE",
      description =
          "file holding the payload keys in handoff.codec.keys form (id:base64,...), e.g."
              + " .devstack/payload-key; else env HANDOFF_CODEC_KEYS, else the file"
              + " handoff.codec.keys in HANDOFF_SECRETS_DIR (default "
              + DEFAULT_SECRETS_DIR
              + "). Active key: env HANDOFF_CODEC_ACTIVE_KEY")
  Path keysFile;

  @Option(
      names = "--operator",
      paramLabel = "NAME",
      description = "who acts, as the audit records it (default: $USER)")
  String operator;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Arguments.Timeout.class,
      defaultValue = "5s",
      description = "how long to wait for Temporal and the worker: 500ms, 5s, 2m (default 5s)")
  Duration timeout;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "this help, with the exit codes")
  boolean help;

  @Option(names = "--json", description = "machine-readable output: one JSON document on stdout")
  boolean json;

  /** What this command runs with; {@code needKeys} for commands that read or send payloads. */
  Settings resolve(Map<String, String> env, boolean needKeys) {
    String target = pick(address, env.get("TEMPORAL_ADDRESS"), DEFAULT_ADDRESS);
    checkAddress(target);
    String ns = pick(namespace, env.get("TEMPORAL_NAMESPACE"), "default");
    if (!ns.matches("[A-Za-z0-9._-]{1,255}")) {
      throw CliFailure.usage(
          "--namespace (or TEMPORAL_NAMESPACE) must be a namespace name: letters, digits, '.', '_'"
              + " or '-'");
    }
    String who = pick(operator, env.get("USER"), System.getProperty("user.name", "ops-cli"));
    if (who.isBlank() || who.length() > 128 || who.chars().anyMatch(Character::isISOControl)) {
      throw CliFailure.usage("--operator (default $USER) must be 1-128 characters on one line");
    }
    return new Settings(target, ns, keys(env, needKeys), who.strip(), timeout, json);
  }

  private PayloadKeys keys(Map<String, String> env, boolean needKeys) {
    String source;
    String setting;
    Path secret =
        Path.of(pick(null, env.get("HANDOFF_SECRETS_DIR"), DEFAULT_SECRETS_DIR))
            .resolve(PayloadKeys.KEYS_SETTING);
    if (keysFile != null) {
      source = "--codec-keys-file " + keysFile;
      setting = read(keysFile, "--codec-keys-file");
    } else if (env.get("HANDOFF_CODEC_KEYS") != null && !env.get("HANDOFF_CODEC_KEYS").isBlank()) {
      source = "HANDOFF_CODEC_KEYS";
      setting = env.get("HANDOFF_CODEC_KEYS");
    } else if (Files.isReadable(secret)) {
      source = secret.toString();
      setting = read(secret, "the secret file");
    } else if (needKeys) {
      throw CliFailure.usage(
          "the payload keys are needed (every payload in Temporal is encrypted): set"
              + " HANDOFF_CODEC_KEYS to the worker's handoff.codec.keys, or pass --codec-keys-file"
              + " FILE (the dev stack's is .devstack/payload-key)");
    } else {
      return null;
    }
    try {
      return PayloadKeys.parse(setting, env.get("HANDOFF_CODEC_ACTIVE_KEY"));
    } catch (PayloadKeys.InvalidKeysException e) {
      throw CliFailure.usage("payload keys from " + source + ": " + e.getMessage());
    }
  }

  private static String read(Path file, String what) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw CliFailure.usage(what + " " + file + " cannot be read: " + e.getMessage());
    }
  }

  private static void checkAddress(String target) {
    int colon = target.lastIndexOf(':');
    String host = colon < 0 ? "" : target.substring(0, colon);
    String port = colon < 0 ? "" : target.substring(colon + 1);
    boolean ok =
        !host.isEmpty()
            && host.matches("[A-Za-z0-9.\\-\\[\\]:]+")
            && port.matches("\\d{1,5}")
            && Integer.parseInt(port) > 0
            && Integer.parseInt(port) < 65536;
    if (!ok) {
      throw CliFailure.usage(
          "--address (or TEMPORAL_ADDRESS) must be host:port, e.g. "
              + DEFAULT_ADDRESS
              + "; got '"
              + Arguments.printable(target)
              + "'");
    }
  }

  private static String pick(String option, String env, String fallback) {
    if (option != null) {
      return option;
    }
    return env == null || env.isBlank() ? fallback : env;
  }

  /** One command's resolved settings; {@code keys} is null only where none are needed. */
  record Settings(
      String address,
      String namespace,
      PayloadKeys keys,
      String operator,
      Duration timeout,
      boolean json) {}
}
