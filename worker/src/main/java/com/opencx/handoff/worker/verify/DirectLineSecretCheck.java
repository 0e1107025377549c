package com.opencx.handoff.worker.verify;

import com.opencx.handoff.activities.directline.DirectLineClient;
import io.temporal.failure.ApplicationFailure;

/**
 * Check 6, Direct Line route only: each channel's secret is accepted, proven by {@code POST
 * /v3/directline/tokens/generate} with it (directline.md §1: 200 with a token; it starts no
 * conversation). 403 means Direct Line does not know the secret. The secret is never printed.
 */
final class DirectLineSecretCheck {

  static final String CHECK = "directline";

  private final DirectLineClient client;

  DirectLineSecretCheck(DirectLineClient client) {
    this.client = client;
  }

  CheckResult check(int index, String workstreamId, String secret) {
    String key = "directline.channels[" + index + "]";
    String named = key + " (workstream " + workstreamId + ")";
    try {
      client.generateToken(secret);
      return CheckResult.pass(CHECK, named + ": Direct Line accepted the secret");
    } catch (ApplicationFailure e) {
      int status = status(e);
      String what = named + ": " + e.getOriginalMessage();
      return switch (status) {
        case 401, 403 ->
            CheckResult.fail(
                CHECK,
                named + ": Direct Line refused the secret (HTTP " + status + ")",
                "set "
                    + key
                    + ".secret to one of the Secret keys of that workstream's bot, Azure portal >"
                    + " the bot > Channels > Direct Line > Default Site (a regional bot also needs"
                    + " its regional directline.base-url)");
        case 0 ->
            CheckResult.fail(
                CHECK,
                what,
                "check directline.base-url and outbound HTTPS from the worker to Direct Line");
        default -> CheckResult.fail(CHECK, what, "retry; see the runbook's Direct Line section");
      };
    }
  }

  private static int status(ApplicationFailure failure) {
    try {
      return failure.getDetails().getSize() == 0 ? 0 : failure.getDetails().get(Integer.class);
    } catch (RuntimeException noStatus) {
      return 0;
    }
  }
}
