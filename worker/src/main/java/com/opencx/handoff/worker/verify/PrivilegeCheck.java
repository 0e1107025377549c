package com.opencx.handoff.worker.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.activities.dynamics.DataverseClient;
import com.opencx.handoff.activities.dynamics.DataverseException;
import com.opencx.handoff.worker.verify.RequiredPrivileges.Depth;
import com.opencx.handoff.worker.verify.RequiredPrivileges.Required;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Check 4: the application user holds every privilege the route needs ({@link RequiredPrivileges}),
 * at enough depth, through its roles or its teams'. Read with the bound function {@code
 * systemusers(<UserId>)/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()}, whose {@code
 * RolePrivileges} name each privilege ({@code PrivilegeName}) and its {@code Depth}. Where a
 * privilege comes from several roles, the deepest counts. The fix names each missing privilege and
 * the security role row (table) and column (verb) that grants it.
 */
final class PrivilegeCheck {

  static final String CHECK = "privileges";

  private final DataverseClient client;

  PrivilegeCheck(DataverseClient client) {
    this.client = client;
  }

  CheckResult check(String userId, List<Required> required) {
    Map<String, Depth> held;
    try {
      held =
          held(
              client.get(
                  "systemusers(" + userId + ")/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()",
                  Map.of()));
    } catch (DataverseException e) {
      return CheckResult.warn(
          CHECK,
          "could not read the application user's privileges (" + e.getMessage() + ")",
          "give its security role Read on Security Role (prvReadRole) so that verify can check,"
              + " or compare the role with the README's privilege table by hand");
    }
    List<String> missing = new ArrayList<>();
    List<String> shallow = new ArrayList<>();
    for (Required privilege : required) {
      Depth depth = held.get(privilege.name());
      if (depth == null) {
        missing.add(privilege.name() + " (" + privilege.forWhat() + ")");
      } else if (depth.compareTo(privilege.minimum()) < 0) {
        shallow.add(
            privilege.name() + " at " + depth.label + ", needs " + privilege.minimum().label);
      }
    }
    if (missing.isEmpty() && shallow.isEmpty()) {
      return CheckResult.pass(
          CHECK,
          "the application user holds all " + required.size() + " privileges the route needs");
    }
    List<String> problems = new ArrayList<>();
    if (!missing.isEmpty()) {
      problems.add("missing " + String.join(", ", missing));
    }
    if (!shallow.isEmpty()) {
      problems.add("too shallow " + String.join(", ", shallow));
    }
    return CheckResult.fail(CHECK, String.join("; ", problems), fix(required, missing, shallow));
  }

  private static String fix(List<Required> required, List<String> missing, List<String> shallow) {
    List<String> grants = new ArrayList<>();
    for (Required privilege : required) {
      boolean listed =
          missing.stream().anyMatch(m -> m.startsWith(privilege.name() + " "))
              || shallow.stream().anyMatch(s -> s.startsWith(privilege.name() + " "));
      if (listed) {
        grants.add(
            privilege.table()
                + " "
                + verb(privilege.name())
                + " at "
                + privilege.minimum().label
                + " or wider");
      }
    }
    return "in the application user's security role (Power Platform admin center > Environments >"
        + " the environment > Settings > Users + permissions > Security roles) grant "
        + String.join(", ", grants);
  }

  /** "prvAppendTomsdyn_…" → "Append To", from the privilege name's verb. */
  private static String verb(String name) {
    for (String verb : List.of("AppendTo", "Append", "Create", "Read", "Write", "Delete")) {
      if (name.startsWith("prv" + verb)) {
        return verb.equals("AppendTo") ? "Append To" : verb;
      }
    }
    return name;
  }

  /** The deepest depth per privilege name. */
  private static Map<String, Depth> held(JsonNode answer) {
    Map<String, Depth> held = new HashMap<>();
    for (JsonNode row : answer.path("RolePrivileges")) {
      String name = row.path("PrivilegeName").asText("");
      Depth depth = Depth.parse(row.path("Depth").asText(""));
      if (!name.isEmpty() && depth != null) {
        held.merge(name, depth, (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
    }
    return held;
  }
}
