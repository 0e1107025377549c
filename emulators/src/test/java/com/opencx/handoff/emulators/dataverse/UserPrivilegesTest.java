package com.opencx.handoff.emulators.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.emulators.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code systemusers(<WhoAmI's UserId>)/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()} over HTTP:
 * the RolePrivilege shape, the default full set, a revoked or lowered privilege as a test leaves
 * it, and the refusals for another user and another method.
 */
class UserPrivilegesTest extends DataverseTestSupport {

  private String path(String userId) {
    return API + "systemusers(" + userId + ")/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()";
  }

  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> byName(TestHttp.Result result) {
    assertThat(result.status()).isEqualTo(200);
    List<Map<String, Object>> rows =
        (List<Map<String, Object>>) result.json().get("RolePrivileges");
    Map<String, Map<String, Object>> byName = new java.util.LinkedHashMap<>();
    rows.forEach(row -> byName.put((String) row.get("PrivilegeName"), row));
    return byName;
  }

  @Test
  void theWhoAmIUserHoldsEveryVerbOnEveryKnownEntityAtGlobalDepth() throws Exception {
    String userId = (String) http.get(API + "WhoAmI").json().get("UserId");
    assertThat(userId).isEqualTo(dataverse.userId());

    Map<String, Map<String, Object>> held = byName(http.get(path(userId)));

    assertThat(held)
        .containsKeys(
            "prvCreatemsdyn_ocliveworkitem",
            "prvAppendTomsdyn_ocliveworkitem",
            "prvWritemsdyn_ocliveworkitemcontextitem",
            "prvReadmsdyn_liveworkstream",
            "prvCreateNote",
            "prvReadContact",
            "prvReadOrganization");
    assertThat(held.values()).allSatisfy(row -> assertThat(row.get("Depth")).isEqualTo("Global"));
    assertThat(held.get("prvCreateNote"))
        .containsKeys("PrivilegeId", "BusinessUnitId", "RecordFilterId", "RecordFilterUniqueName");
  }

  @Test
  void aRevokedPrivilegeIsGoneAndAGrantedOneHasItsDepth() throws Exception {
    assertThat(dataverse.revokePrivilege("prvCreateNote")).isTrue();
    assertThat(dataverse.revokePrivilege("prvCreateNote")).isFalse();
    dataverse.grantPrivilege("prvReadContact", "Basic");

    Map<String, Map<String, Object>> held = byName(http.get(path(dataverse.userId())));

    assertThat(held).doesNotContainKey("prvCreateNote");
    assertThat(held.get("prvReadContact")).containsEntry("Depth", "Basic");

    dataverse.grantAllPrivileges();
    assertThat(byName(http.get(path(dataverse.userId())))).containsKey("prvCreateNote");
  }

  @Test
  void anotherUserIsNotFoundAndTheFunctionIsGetOnly() throws Exception {
    TestHttp.Result other = http.get(path("11111111-2222-4333-8444-555555555555"));
    TestHttp.Result posted = http.send("POST", path(dataverse.userId()), "{}");

    assertThat(other.status()).isEqualTo(404);
    assertThat(other.errorMessage()).contains("systemuser With Id = 11111111");
    assertThat(posted.status()).isEqualTo(405);
  }

  @Test
  void aDeletedWorkstreamIsGone() throws Exception {
    assertThat(dataverse.removeRecord("msdyn_liveworkstreams", WORKSTREAM)).isTrue();

    assertThat(http.get(API + "msdyn_liveworkstreams(" + WORKSTREAM + ")").status()).isEqualTo(404);
  }
}
