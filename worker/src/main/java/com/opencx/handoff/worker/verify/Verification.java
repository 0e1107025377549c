package com.opencx.handoff.worker.verify;

import com.opencx.handoff.activities.directline.DirectLineClient;
import com.opencx.handoff.activities.dynamics.DataverseClient;
import com.opencx.handoff.activities.dynamics.DataverseSettings;
import com.opencx.handoff.activities.dynamics.TokenProvider;
import com.opencx.handoff.activities.media.MediaSettings;
import com.opencx.handoff.worker.config.DirectLineProperties;
import com.opencx.handoff.worker.config.DynamicsProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code verify}: with the worker's own clients and configuration, runs the checks an operator
 * needs before the first handoff (SPEC §9), in order — token, {@code WhoAmI}, each workstream, the
 * application user's privileges for the route, {@code maxuploadfilesize}, and on the Direct Line
 * route each channel's secret — one {@link CheckResult} each. A check that needs an earlier one
 * that failed is reported SKIP rather than run into the same wall. Read-only: nothing is written to
 * Dataverse, and the Direct Line token it asks for starts no conversation.
 */
@Component
public class Verification {

  private final IdentityChecks identity;
  private final WorkstreamCheck workstreams;
  private final PrivilegeCheck privileges;
  private final UploadLimitCheck uploads;
  private final DirectLineSecretCheck secrets;
  private final DataverseSettings dataverse;
  private final DynamicsProperties dynamics;
  private final DirectLineProperties directLine;

  public Verification(
      TokenProvider tokens,
      DataverseClient client,
      DataverseSettings dataverse,
      MediaSettings media,
      DirectLineClient directLineClient,
      DynamicsProperties dynamics,
      DirectLineProperties directLine) {
    this.identity = new IdentityChecks(tokens, client);
    this.workstreams = new WorkstreamCheck(client);
    this.privileges = new PrivilegeCheck(client);
    this.uploads = new UploadLimitCheck(client, media);
    this.secrets = new DirectLineSecretCheck(directLineClient);
    this.dataverse = dataverse;
    this.dynamics = dynamics;
    this.directLine = directLine;
  }

  /** {@code dynamics.route=direct-line} (validated at start-up, so anything else is record). */
  boolean directLineRoute() {
    return dynamics.route() != null
        && dynamics.route().strip().toLowerCase(Locale.ROOT).equals("direct-line");
  }

  public VerifyReport run() {
    List<CheckResult> results = new ArrayList<>();
    CheckResult token = identity.token();
    results.add(token);
    IdentityChecks.Identity user = null;
    if (token.outcome() == Outcome.FAIL) {
      results.add(CheckResult.skip(IdentityChecks.WHO_AM_I, "needs a token"));
    } else {
      user = identity.whoAmI();
      results.add(user.result());
    }
    boolean dataverseUsable = user != null && user.userId() != null;
    String because = token.outcome() == Outcome.FAIL ? "needs a token" : "needs WhoAmI to pass";
    for (Map.Entry<String, String> workstream : workstreams().entrySet()) {
      results.add(
          dataverseUsable
              ? workstreams.check(workstream.getKey(), workstream.getValue())
              : CheckResult.skip(WorkstreamCheck.CHECK, workstream.getKey() + " " + because));
    }
    List<RequiredPrivileges.Required> required =
        RequiredPrivileges.forRoute(directLineRoute(), dataverse.createContactWhenMissing());
    results.add(
        dataverseUsable
            ? privileges.check(user.userId(), required)
            : CheckResult.skip(PrivilegeCheck.CHECK, because));
    results.add(
        dataverseUsable ? uploads.check() : CheckResult.skip(UploadLimitCheck.CHECK, because));
    if (directLineRoute() && directLine.channels() != null) {
      List<DirectLineProperties.Channel> channels = directLine.channels();
      for (int i = 0; i < channels.size(); i++) {
        DirectLineProperties.Channel channel = channels.get(i);
        results.add(secrets.check(i, channel.workstreamId().strip(), channel.secret()));
      }
    }
    return new VerifyReport(results);
  }

  /**
   * Configuration key to workstream id: {@code dynamics.workstream-id} (or its legacy name) on the
   * record route, and on the Direct Line route each channel's, each id once.
   */
  private Map<String, String> workstreams() {
    Map<String, String> byKey = new LinkedHashMap<>();
    List<String> seen = new ArrayList<>();
    String configured = dataverse.workstreamId();
    if (!directLineRoute() || configured != null && !configured.isBlank()) {
      byKey.put("dynamics.workstream-id", configured);
      if (configured != null) {
        seen.add(configured.strip().toLowerCase(Locale.ROOT));
      }
    }
    if (directLineRoute() && directLine.channels() != null) {
      for (int i = 0; i < directLine.channels().size(); i++) {
        String id = directLine.channels().get(i).workstreamId().strip();
        if (!seen.contains(id.toLowerCase(Locale.ROOT))) {
          seen.add(id.toLowerCase(Locale.ROOT));
          byKey.put("directline.channels[" + i + "].workstream-id", id);
        }
      }
    }
    return byKey;
  }
}
