package com.opencx.handoff.emulators.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.emulators.TestHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataverseEmulatorTest extends DataverseTestSupport {

  @Test
  void unknownColumnIsRejectedNamingIt() throws Exception {
    Map<String, Object> body = new HashMap<>(workItem("Refund"));
    body.put("msdyn_channel_whatsapp", "x");

    TestHttp.Result result = createWorkItem(WORK_ITEM, body);

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.errorCode()).isEqualTo("0x80060888");
    assertThat(result.errorMessage()).contains("'msdyn_channel_whatsapp'");
    assertThat(dataverse.record("msdyn_ocliveworkitems", WORK_ITEM)).isEmpty();
  }

  @Test
  void unknownNavigationPropertyIsRejectedNamingIt() throws Exception {
    TestHttp.Result result =
        createWorkItem(
            WORK_ITEM,
            Map.of(
                "subject",
                "Refund",
                "msdyn_liveworkstreamid@odata.bind",
                "/msdyn_liveworkstreams(" + WORKSTREAM + ")"));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.errorMessage()).contains("'msdyn_liveworkstreamid'");
  }

  @Test
  void bindToTheWrongEntitySetIsRejectedNamingBoth() throws Exception {
    String contact = dataverse.addContact(Map.of("emailaddress1", "a@example.com"));

    TestHttp.Result result =
        createWorkItem(
            WORK_ITEM,
            Map.of(
                "subject",
                "Refund",
                "msdyn_liveworkstreamid_msdyn_ocliveworkitem@odata.bind",
                "/contacts(" + contact + ")"));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.errorMessage())
        .contains("msdyn_liveworkstreamid_msdyn_ocliveworkitem")
        .contains("'contacts'")
        .contains("'msdyn_liveworkstreams'");
  }

  @Test
  void bindToMissingWorkstreamIsNotFound() throws Exception {
    TestHttp.Result result =
        createWorkItem(
            WORK_ITEM,
            Map.of(
                "subject",
                "Refund",
                "msdyn_liveworkstreamid_msdyn_ocliveworkitem@odata.bind",
                "/msdyn_liveworkstreams(11111111-2222-3333-4444-555555555555)"));

    assertThat(result.status()).isEqualTo(404);
    assertThat(result.errorMessage())
        .contains("msdyn_liveworkstream With Id = 11111111-2222-3333-4444-555555555555");
  }

  @Test
  void columnRulesAreEnforcedNamingTheColumn() throws Exception {
    TestHttp.Result tooLong = createWorkItem(WORK_ITEM, workItem("x".repeat(201)));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.errorMessage()).contains("'subject'").contains("200");

    TestHttp.Result missing =
        createWorkItem(
            WORK_ITEM,
            Map.of(
                "description",
                "no subject",
                "msdyn_liveworkstreamid_msdyn_ocliveworkitem@odata.bind",
                "/msdyn_liveworkstreams(" + WORKSTREAM + ")"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errorMessage()).contains("'subject'");

    Map<String, Object> withState = new HashMap<>(workItem("Refund"));
    withState.put("statecode", 0);
    TestHttp.Result state = createWorkItem(WORK_ITEM, withState);
    assertThat(state.status()).isEqualTo(400);
    assertThat(state.errorMessage()).contains("'statecode'");

    TestHttp.Result unknownSet =
        http.send("POST", API + "msdyn_conversations", TestHttp.json(workItem("Refund")));
    assertThat(unknownSet.status()).isEqualTo(400);
    assertThat(unknownSet.errorMessage()).contains("'msdyn_conversations'");
  }

  @Test
  void conditionalWritesFollowTheReference() throws Exception {
    assertThat(createWorkItem(WORK_ITEM, workItem("Refund")).status()).isEqualTo(204);

    TestHttp.Result again = createWorkItem(WORK_ITEM, workItem("Refund"));
    assertThat(again.status()).isEqualTo(412);
    assertThat(again.errorMessage()).contains("already exists");

    String missing = "99999999-9999-4999-8999-999999999999";
    TestHttp.Result update =
        http.send(
            "PATCH",
            API + "msdyn_ocliveworkitems(" + missing + ")",
            TestHttp.json(Map.of("description", "d")),
            "If-Match",
            "*");
    assertThat(update.status()).isEqualTo(404);
    assertThat(dataverse.record("msdyn_ocliveworkitems", missing)).isEmpty();

    TestHttp.Result close =
        http.send(
            "PATCH",
            API + "msdyn_ocliveworkitems(" + WORK_ITEM + ")",
            TestHttp.json(Map.of("statecode", 1)),
            "If-Match",
            "*");
    assertThat(close.status()).isEqualTo(204);
    assertThat(close.header("OData-EntityId")).endsWith("msdyn_ocliveworkitems(" + WORK_ITEM + ")");
    assertThat(dataverse.record("msdyn_ocliveworkitems", WORK_ITEM).orElseThrow())
        .containsEntry("statecode", 1)
        .containsEntry("statuscode", 4);

    TestHttp.Result badPair =
        http.send(
            "PATCH",
            API + "msdyn_ocliveworkitems(" + WORK_ITEM + ")",
            TestHttp.json(Map.of("statecode", 0, "statuscode", 4)));
    assertThat(badPair.status()).isEqualTo(400);
    assertThat(badPair.errorMessage()).contains("statuscode 4");
  }

  @Test
  void createAndReadExposeLookupValues() throws Exception {
    String contact = dataverse.addContact(Map.of("emailaddress1", "a@example.com"));
    Map<String, Object> body = new HashMap<>(workItem("Refund"));
    body.put(
        "msdyn_customer_msdyn_ocliveworkitem_contact@odata.bind", "/contacts(" + contact + ")");

    TestHttp.Result created =
        http.send(
            "POST",
            API + "msdyn_ocliveworkitems",
            TestHttp.json(body),
            "Prefer",
            "return=representation");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json())
        .containsEntry("subject", "Refund")
        .containsEntry("_msdyn_liveworkstreamid_value", WORKSTREAM)
        .containsEntry("_msdyn_customer_value", contact)
        .containsEntry("statecode", 0)
        .containsEntry("statuscode", 1);
    String id = (String) created.json().get("activityid");

    TestHttp.Result read =
        http.get(API + "msdyn_ocliveworkitems(" + id + ")?$select=statecode,statuscode,subject");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json())
        .containsKeys("@odata.context", "activityid", "statecode", "statuscode", "subject")
        .doesNotContainKey("description");

    TestHttp.Result badSelect =
        http.get(API + "msdyn_ocliveworkitems(" + id + ")?$select=msdyn_liveworkstreamid");
    assertThat(badSelect.status()).isEqualTo(400);
    assertThat(badSelect.errorMessage()).contains("'msdyn_liveworkstreamid'");

    TestHttp.Result plainPost =
        http.send("POST", API + "msdyn_ocliveworkitems", TestHttp.json(workItem("Second")));
    assertThat(plainPost.status()).isEqualTo(204);
    assertThat(plainPost.header("OData-EntityId"))
        .startsWith(dataverse.environmentUrl() + API + "msdyn_ocliveworkitems(");
  }

  @Test
  void filterDecodesQuotesAndPlusSigns() throws Exception {
    String obrien =
        dataverse.addContact(
            Map.of("emailaddress1", "o'brien@example.com", "mobilephone", "+14155550100"));
    dataverse.addContact(
        Map.of("emailaddress1", "other@example.com", "statecode", 1, "statuscode", 2));

    TestHttp.Result byEmail =
        http.get(
            API
                + "contacts?$select=contactid&$filter="
                + encode("emailaddress1 eq 'O''Brien@example.com' and statecode eq 0")
                + "&$top=2");
    assertThat(byEmail.status()).isEqualTo(200);
    assertThat(ids(byEmail)).containsExactly(obrien);
    assertThat(byEmail.json().get("@odata.context")).asString().endsWith("#contacts(contactid)");

    TestHttp.Result byPhone =
        http.get(
            API
                + "contacts?$select=contactid&$filter="
                + encode("(mobilephone eq '+14155550100' or telephone1 eq '+14155550100')"));
    assertThat(byPhone.json().get("value").toString()).contains(obrien);
    assertThat(byPhone.header("content-type")).startsWith("application/json");

    TestHttp.Result unencodedPlus =
        http.get(API + "contacts?$select=contactid&$filter=mobilephone%20eq%20'+14155550100'");
    assertThat(ids(unencodedPlus)).as("a raw '+' decodes to a space").isEmpty();

    TestHttp.Result inactive =
        http.get(API + "contacts?$filter=" + encode("statecode ne 0 and emailaddress1 ne null"));
    assertThat(ids(inactive)).hasSize(1).doesNotContain(obrien);

    TestHttp.Result unknown = http.get(API + "contacts?$filter=" + encode("email eq 'x'"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorMessage()).contains("'email'");

    TestHttp.Result quotedGuid =
        http.get(API + "contacts?$filter=" + encode("contactid eq '" + obrien + "'"));
    assertThat(quotedGuid.status()).isEqualTo(400);
    assertThat(quotedGuid.errorMessage()).contains("Edm.Guid").contains("Edm.String");
  }

  @Test
  void contextItemsCanBeQueriedByTheirConversation() throws Exception {
    createWorkItem(WORK_ITEM, workItem("Refund"));
    String item = "a1b2c3d4-0000-4000-8000-000000000001";
    TestHttp.Result created =
        http.send(
            "PATCH",
            API + "msdyn_ocliveworkitemcontextitems(" + item + ")",
            TestHttp.json(
                Map.of(
                    "msdyn_name",
                    "sessionId",
                    "msdyn_value",
                    "s-1",
                    "msdyn_isdisplayable",
                    true,
                    "msdyn_ocliveworkitemid@odata.bind",
                    "/msdyn_ocliveworkitems(" + WORK_ITEM.toUpperCase() + ")")),
            "If-None-Match",
            "*");
    assertThat(created.status()).isEqualTo(204);

    TestHttp.Result read =
        http.get(
            API
                + "msdyn_ocliveworkitemcontextitems?$filter="
                + encode("_msdyn_ocliveworkitemid_value eq " + WORK_ITEM));
    assertThat(read.json().get("value").toString()).contains("sessionId").contains(item);

    TestHttp.Result tooLong =
        http.send(
            "POST",
            API + "msdyn_ocliveworkitemcontextitems",
            TestHttp.json(Map.of("msdyn_name", "x", "msdyn_value", "v".repeat(513))));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.errorMessage()).contains("'msdyn_value'").contains("512");
  }

  @Test
  void seedingAndInspection() throws Exception {
    assertThat(dataverse.records("msdyn_liveworkstreams")).hasSize(1);
    createWorkItem(WORK_ITEM, workItem("Refund"));
    dataverse.setRecordColumn("msdyn_ocliveworkitems", WORK_ITEM, "statecode", 1);
    dataverse.setRecordColumn("msdyn_ocliveworkitems", WORK_ITEM, "statuscode", 4);

    TestHttp.Result read =
        http.get(API + "msdyn_ocliveworkitems(" + WORK_ITEM + ")?$select=statecode,statuscode");
    assertThat(read.json()).containsEntry("statecode", 1).containsEntry("statuscode", 4);

    TestHttp.Result org = http.get(API + "organizations?$select=maxuploadfilesize");
    assertThat(org.json().get("value").toString()).contains("maxuploadfilesize=5242880");

    assertThat(dataverse.requestCount()).isEqualTo(3);
    assertThat(dataverse.requestLog().get(0))
        .isEqualTo("PATCH " + API + "msdyn_ocliveworkitems(" + WORK_ITEM + ") 204");
    dataverse.resetCounters();
    assertThat(dataverse.requestCount()).isZero();
    assertThat(dataverse.requestLog()).isEmpty();
  }

  @Test
  void everyCallNeedsTheBearerToken() throws Exception {
    TestHttp anonymous = new TestHttp(dataverse.environmentUrl(), null);
    TestHttp wrong = new TestHttp(dataverse.environmentUrl(), "other");

    TestHttp.Result none = anonymous.get(API + "contacts");
    TestHttp.Result bad = wrong.get(API + "contacts");

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.errorMessage()).contains("Bearer");
    assertThat(bad.status()).isEqualTo(401);
  }

  @SuppressWarnings("unchecked")
  private static List<String> ids(TestHttp.Result result) {
    return ((List<Map<String, Object>>) result.json().get("value"))
        .stream().map(row -> (String) row.get("contactid")).toList();
  }

  private static String encode(String filter) {
    return URLEncoder.encode(filter, StandardCharsets.UTF_8);
  }
}
