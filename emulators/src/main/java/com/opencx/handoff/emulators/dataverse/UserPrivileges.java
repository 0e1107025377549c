package com.opencx.handoff.emulators.dataverse;

import com.opencx.handoff.emulators.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The privileges of the emulator's one application user, as its security roles would give them, and
 * the bound function that reads them: {@code GET
 * systemusers(<id>)/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()} answering {@code
 * {"RolePrivileges":[{"Depth","PrivilegeId","BusinessUnitId","PrivilegeName",…}]}} (the
 * RolePrivilege complex type; {@code Depth} as the PrivilegeDepth member name). By default the user
 * holds every privilege (Create, Read, Write, Delete, Append, Append To) on every entity the
 * emulator knows, at Global depth, like a System Administrator; tests take some away to see what a
 * client makes of a missing one. Privilege names follow Dataverse: {@code prv<Verb><SchemaName>},
 * with the historical names Note for annotation and the PascalCase names of the system entities.
 * The set only answers this function: the emulator does not refuse writes for a missing privilege
 * (inject a 403 fault for that).
 */
final class UserPrivileges {

  /** PrivilegeDepth members (Web API enum), lowest first. */
  static final List<String> DEPTHS = List.of("Basic", "Local", "Deep", "Global");

  private static final Pattern PATH =
      Pattern.compile(
          "systemusers\\(([^)]*)\\)/Microsoft\\.Dynamics\\.CRM\\.RetrieveUserPrivileges\\(\\)");
  private static final List<String> VERBS =
      List.of("Create", "Read", "Write", "Delete", "Append", "AppendTo");
  private static final Map<String, String> SYSTEM_NAMES =
      Map.of(
          "annotation", "Note",
          "contact", "Contact",
          "account", "Account",
          "queue", "Queue",
          "organization", "Organization");

  private final String userId;
  private final String businessUnitId;
  private final Map<String, String> depthByName = new TreeMap<>();

  UserPrivileges(String userId, String businessUnitId) {
    this.userId = userId;
    this.businessUnitId = businessUnitId;
    grantAll();
  }

  /** True when {@code resource} (after {@code /api/data/v9.2/}) is this function. */
  static boolean matches(String resource) {
    return PATH.matcher(resource).matches();
  }

  /** Every verb on every known entity, at Global depth. */
  synchronized void grantAll() {
    depthByName.clear();
    for (Schema.Entity entity : Schema.all()) {
      String schemaName = SYSTEM_NAMES.getOrDefault(entity.logicalName(), entity.logicalName());
      for (String verb : VERBS) {
        depthByName.put("prv" + verb + schemaName, "Global");
      }
    }
  }

  synchronized void grant(String privilegeName, String depth) {
    if (!DEPTHS.contains(depth)) {
      throw new IllegalArgumentException("depth must be one of " + DEPTHS + ", was " + depth);
    }
    depthByName.put(requireName(privilegeName), depth);
  }

  /** Takes the privilege away; returns false when the user did not hold it. */
  synchronized boolean revoke(String privilegeName) {
    return depthByName.remove(requireName(privilegeName)) != null;
  }

  /** Privilege name to depth, sorted by name. */
  synchronized Map<String, String> held() {
    return Map.copyOf(depthByName);
  }

  /** Answers the function for {@code resource}; 404 for a user other than the emulator's one. */
  Response answer(String resource, String apiBase) {
    Matcher m = PATH.matcher(resource);
    if (!m.matches()) {
      throw new IllegalStateException("not RetrieveUserPrivileges: " + resource);
    }
    String id = m.group(1);
    if (!Store.isGuid(id)) {
      throw DataverseException.badRequest("Key '" + id + "' of systemusers is not a GUID");
    }
    if (!Store.canonical(id).equals(userId)) {
      throw DataverseException.notFound("systemuser", Store.canonical(id));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map.Entry<String, String> held :
        held().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("Depth", held.getValue());
      row.put("PrivilegeId", privilegeId(held.getKey()));
      row.put("BusinessUnitId", businessUnitId);
      row.put("PrivilegeName", held.getKey());
      row.put("RecordFilterId", "00000000-0000-0000-0000-000000000000");
      row.put("RecordFilterUniqueName", null);
      rows.add(row);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "@odata.context",
        apiBase + "$metadata#Microsoft.Dynamics.CRM.RetrieveUserPrivilegesResponse");
    body.put("RolePrivileges", rows);
    return Response.json(200, body);
  }

  private static String privilegeId(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String requireName(String privilegeName) {
    if (privilegeName == null || !privilegeName.startsWith("prv")) {
      throw new IllegalArgumentException(
          "a privilege name starts with prv, e.g. prvCreatemsdyn_ocliveworkitem; was "
              + privilegeName);
    }
    return privilegeName;
  }
}
