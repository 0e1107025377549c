package com.opencx.handoff.worker.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.activities.dynamics.DataverseClient;
import com.opencx.handoff.activities.dynamics.DataverseException;
import java.util.Map;

/**
 * Check 3: a configured workstream exists, is active (statecode 0) and is a messaging workstream,
 * read as {@code msdyn_liveworkstreams(<id>)?$select=msdyn_name,msdyn_streamsource,statecode}. The
 * workstream type is not a column of its own; it follows from the channel, {@code
 * msdyn_streamsource}: Entity Records (192350000) is a record workstream and Voice (192370000,
 * 192440000) a voice one, which a chat handoff cannot use; every messaging channel (WhatsApp
 * 192300000, Custom 192350002 for a Direct Line custom channel, Live chat, SMS, …) passes. A value
 * not listed here warns rather than fails: Microsoft adds channels. The values come from the option
 * set as published for {@code msdyn_streamsource} (docs/directline-emulator.md, assumptions).
 */
final class WorkstreamCheck {

  static final String CHECK = "workstream";

  /** Channels of messaging workstreams, by option value. */
  static final Map<Integer, String> MESSAGING =
      Map.ofEntries(
          Map.entry(192300000, "WhatsApp"),
          Map.entry(192310000, "LINE"),
          Map.entry(192320000, "WeChat"),
          Map.entry(192330000, "Facebook"),
          Map.entry(192340000, "SMS"),
          Map.entry(192350001, "Twitter"),
          Map.entry(192350002, "Custom"),
          Map.entry(192360000, "Live chat"),
          Map.entry(19241000, "Microsoft Teams"),
          Map.entry(192450000, "Apple Messages for Business"),
          Map.entry(192450001, "Google's Business Messages"));

  /** Channels of record and voice workstreams. */
  static final Map<Integer, String> NOT_MESSAGING =
      Map.of(
          192350000, "Entity Records (a record workstream)",
          192370000, "Voice (a voice workstream)",
          192440000, "Voice call (a voice workstream)");

  private static final String ADMIN = "Customer Service admin center > Workstreams";

  private final DataverseClient client;

  WorkstreamCheck(DataverseClient client) {
    this.client = client;
  }

  /** The workstream {@code id}, configured under {@code key}. */
  CheckResult check(String key, String id) {
    if (id == null || id.isBlank()) {
      return CheckResult.fail(
          CHECK, key + " is not set", "set " + key + " to the workstream's GUID");
    }
    String named = key + " " + id.strip();
    JsonNode row;
    try {
      row =
          client.get(
              "msdyn_liveworkstreams(" + id.strip() + ")",
              Map.of("$select", "msdyn_name,msdyn_streamsource,statecode"));
    } catch (DataverseException e) {
      return switch (e.status()) {
        case 404 ->
            CheckResult.fail(
                CHECK,
                named + " does not exist",
                "set "
                    + key
                    + " to an existing workstream's GUID ("
                    + ADMIN
                    + "; the id is in its URL), or restore the deleted workstream");
        case 403 ->
            CheckResult.fail(
                CHECK,
                named + " cannot be read (HTTP 403)",
                "give the application user's security role Read on Work Stream"
                    + " (prvReadmsdyn_liveworkstream)");
        default -> CheckResult.fail(CHECK, named + ": " + e.getMessage(), "retry; see the runbook");
      };
    }
    String name = "'" + row.path("msdyn_name").asText("?") + "' (" + named + ")";
    if (row.path("statecode").asInt(0) != 0) {
      return CheckResult.fail(
          CHECK, name + " is inactive", "activate it in " + ADMIN + ", or configure another");
    }
    JsonNode source = row.path("msdyn_streamsource");
    Integer value = source.canConvertToInt() ? source.asInt() : null;
    if (value != null && NOT_MESSAGING.containsKey(value)) {
      return CheckResult.fail(
          CHECK,
          name + " has channel " + NOT_MESSAGING.get(value) + ", not a messaging channel",
          "point " + key + " at a messaging workstream (" + ADMIN + " > New, type Messaging)");
    }
    if (value == null || !MESSAGING.containsKey(value)) {
      return CheckResult.warn(
          CHECK,
          name
              + " is active with channel "
              + (value == null ? "(none)" : value)
              + ", which verify does not know",
          "make sure it is a messaging workstream (" + ADMIN + ")");
    }
    return CheckResult.pass(
        CHECK,
        name + " is active, messaging, channel " + MESSAGING.get(value) + " (" + value + ")");
  }
}
