package com.opencx.handoff.ops;

import com.opencx.handoff.operations.HandoffNotRunning;
import com.opencx.handoff.operations.OperatorActionRefused;
import com.opencx.handoff.operations.WorkerDidNotAnswer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns whatever a subcommand threw into its exit code and one message: the workflow's refusal (1,
 * with its type and reason), a handoff not running (3), nobody answering in time (4), a bad setting
 * (2), anything else (5, with the exception's class, never a stack trace). With {@code --json} the
 * message is a JSON document on stdout instead, {@code {"error": kind, "message": …}}.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {

  private final Output output;

  Failures(Output output) {
    this.output = output;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    Map<String, Object> document = new LinkedHashMap<>();
    int code;
    String text;
    if (e instanceof OperatorActionRefused refused) {
      code = ExitCodes.REFUSED;
      document.put("error", "refused");
      document.put("type", refused.type());
      text = "refused (" + refused.type() + "): " + refused.getMessage();
      document.put("message", refused.getMessage()); // the type has a field of its own
    } else if (e instanceof HandoffNotRunning) {
      code = ExitCodes.NOT_RUNNING;
      document.put("error", "not_running");
      text = e.getMessage() + " (never started, or it has ended)";
    } else if (e instanceof WorkerDidNotAnswer) {
      code = ExitCodes.NO_ANSWER;
      document.put("error", "no_answer");
      text = e.getMessage();
    } else if (e instanceof CliFailure failure) {
      code = failure.exitCode();
      document.put("error", failure.kind());
      text = failure.getMessage();
    } else if (e instanceof IllegalArgumentException) {
      code = ExitCodes.USAGE; // e.g. a cursor this list never returned
      document.put("error", "usage");
      text = e.getMessage();
    } else if (isNoAnswer(e)) {
      code = ExitCodes.NO_ANSWER;
      document.put("error", "no_answer");
      text = "Temporal did not answer in time (" + grpcStatus(e).getCode() + ")";
    } else if (grpcStatus(e) != null && grpcStatus(e).getCode() == Status.Code.INVALID_ARGUMENT) {
      code = ExitCodes.USAGE;
      document.put("error", "usage");
      text = "Temporal refused the request: " + grpcStatus(e).getDescription();
    } else {
      code = ExitCodes.FAILED;
      document.put("error", "failed");
      Status status = grpcStatus(e);
      text =
          e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + (status == null ? "" : " (" + status.getCode() + ")");
    }
    document.putIfAbsent("message", text);
    if (jsonWanted(parsed)) {
      output.json(document);
    } else {
      output.problem(command.getCommandName() + ": " + text);
    }
    return code;
  }

  /** A usage error: the parser's message and where the help is, not the whole help text. */
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    String help = "see '" + command.getCommandSpec().qualifiedName() + " --help'";
    if (java.util.Arrays.asList(args).contains("--json")) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("error", "usage");
      document.put("message", e.getMessage());
      output.json(document);
    } else {
      output.problem(e.getMessage());
      output.problem(help);
    }
    return ExitCodes.USAGE;
  }

  private static boolean jsonWanted(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--json")) {
        return true;
      }
    }
    return false;
  }

  /** Deadline passed, or the server could not be reached at all. */
  static boolean isNoAnswer(Throwable e) {
    Status status = grpcStatus(e);
    return status != null
        && (status.getCode() == Status.Code.DEADLINE_EXCEEDED
            || status.getCode() == Status.Code.UNAVAILABLE
            || status.getCode() == Status.Code.CANCELLED);
  }

  /** The gRPC status somewhere in the cause chain, or null. */
  static Status grpcStatus(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException grpc) {
        return grpc.getStatus();
      }
    }
    return null;
  }
}
