package com.opencx.handoff.ops;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code handoff-ops}: the ops terminal command of SPEC §5.4, for the operator who has a shell on
 * the cluster rather than the API's ops token. It talks to Temporal directly, with the service's
 * payload keys, through the same operations library as the API, so a list, a retry or a refusal
 * reads the same from both. The environment is passed in rather than read, so that tests run every
 * subcommand in-process with settings of their own.
 */
@Command(
    name = "handoff-ops",
    mixinStandardHelpOptions = true,
    versionProvider = HandoffOpsCommand.Version.class,
    description = {
      "Find and unstick WhatsApp-to-Dynamics handoffs (Temporal workflows"
          + " whatsapp-handoff-<sessionId>).",
      "Run 'handoff-ops <command> --help' for a command's options."
    },
    subcommands = {
      ListCommand.class,
      ShowCommand.class,
      ActionCommands.Retry.class,
      ActionCommands.Retarget.class,
      ActionCommands.Skip.class,
      ActionCommands.Cancel.class,
      HelpCommand.class
    },
    footerHeading = "%nSettings:%n",
    footer = {
      "  TEMPORAL_ADDRESS     Temporal frontend, host:port (default 127.0.0.1:7233)",
      "  TEMPORAL_NAMESPACE   Temporal namespace (default default)",
      "  HANDOFF_CODEC_KEYS   the worker's payload keys (handoff.codec.keys), or",
      "                       --codec-keys-file FILE, or HANDOFF_SECRETS_DIR/handoff.codec.keys",
      "  HANDOFF_CODEC_ACTIVE_KEY  the key id that encrypts, when several are listed",
      "See docs/ops-command.md."
    })
public final class HandoffOpsCommand implements Runnable {

  @Spec CommandSpec spec;

  private final Map<String, String> env;
  private final Output output;

  HandoffOpsCommand(Map<String, String> env, Output output) {
    this.env = env;
    this.output = output;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(execute(args, System.getenv(), out, err));
  }

  /** Runs one command line to its exit code. */
  static int execute(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    return commandLine(env, out, err).execute(args);
  }

  static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
    Output output = new Output(out, err);
    CommandLine line = new CommandLine(new HandoffOpsCommand(env, output));
    line.setOut(out).setErr(err);
    Failures failures = new Failures(output);
    line.setExecutionExceptionHandler(failures);
    line.setParameterExceptionHandler(failures);
    line.setCaseInsensitiveEnumValuesAllowed(true);
    exitCodes(line);
    return line;
  }

  private static void exitCodes(CommandLine line) {
    line.getCommandSpec()
        .usageMessage()
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(ExitCodes.help());
    line.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
    line.getCommandSpec().exitCodeOnExecutionException(ExitCodes.FAILED);
    line.getSubcommands().values().forEach(HandoffOpsCommand::exitCodes);
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a command: list, show, retry, retarget, skip or cancel");
  }

  Map<String, String> env() {
    return env;
  }

  Output output() {
    return output;
  }

  /** The jar's version, from its manifest; "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = HandoffOpsCommand.class.getPackage().getImplementationVersion();
      return new String[] {"handoff-ops " + (version == null ? "development" : version)};
    }
  }
}
