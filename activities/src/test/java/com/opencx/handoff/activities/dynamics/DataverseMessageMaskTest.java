package com.opencx.handoff.activities.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an operator reads of a Dataverse error: the Dataverse names that say what is wrong stay
 * readable, the customer's email and phone do not survive, and the masks survive the Temporal UI's
 * Markdown (which drops anything that looks like an HTML tag).
 */
class DataverseMessageMaskTest {

  private static final String WORKSTREAM = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

  /** The message as the activity failure carries it, from a real-shaped Dataverse error body. */
  private static String failureMessage(int status, String code, String message) {
    String body =
        "{\"error\":{\"code\":\""
            + code
            + "\",\"message\":"
            + DataverseTestServer.JSON.valueToTree(message)
            + "}}";
    return DataverseException.fromAnswer(
            status,
            body.getBytes(StandardCharsets.UTF_8),
            null,
            "PATCH msdyn_ocliveworkitems in $batch")
        .toApplicationFailure()
        .getOriginalMessage();
  }

  @Test
  void theMissingWorkstreamBindStaysReadable() {
    // The runbook's main case, exactly as the emulator (after Dataverse) words it.
    String message =
        "msdyn_liveworkstream With Id = "
            + WORKSTREAM
            + " Does Not Exist (bound by 'msdyn_liveworkstreamid_msdyn_ocliveworkitem@odata.bind')";

    assertThat(failureMessage(404, "0x80040217", message))
        .isEqualTo(
            "PATCH msdyn_ocliveworkitems in $batch: HTTP 404, Dataverse error 0x80040217: "
                + message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Entity 'msdyn_liveworkstream' With Id = 11111111-2222-3333-4444-555555555555 Does Not"
            + " Exist",
        "An error occurred while validating input parameters: Microsoft.OData.ODataException: An"
            + " undeclared property 'msdyn_liveworkstreamid' which only has property annotations"
            + " in the payload but no property value was found in the payload.",
        "The property 'msdyn_customer_msdyn_ocliveworkitem_contact@odata.bind' does not exist on"
            + " type 'Microsoft.Dynamics.CRM.msdyn_ocliveworkitem'.",
        "'objectid_msdyn_ocliveworkitem@odata.bind' is '/msdyn_ocliveworkitems(x)', not of the"
            + " form '/msdyn_ocliveworkitems(<guid>)'",
        "Unexpected annotation '_msdyn_liveworkstreamid_value@Microsoft.Dynamics.CRM.lookuplogicalname'"
            + " next to 'statecode@OData.Community.Display.V1.FormattedValue' and"
            + " '@odata.etag' in 'msdyn_ocliveworkitemcontextitems@odata.nextLink'",
        "See @Microsoft.PowerApps.CDS.ErrorDetails.ApiExceptionSourceKey:"
            + " Plugin/Microsoft.Crm.ObjectModel.TargetsValidationPlugin, code -2147015902"
      })
  void dataverseNamesAnnotationsAndGuidsAreNotMasked(String message) {
    assertThat(failureMessage(400, "0x80060888", message)).endsWith(": " + message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jane.doe@example.com",
        "o''brien+vip@contoso.co.uk",
        "first_last@sub.example.org",
        "someone@microsoft.com",
        "JANE@ODATA.ORG",
        "jane%40example.com"
      })
  void realEmailsAreMaskedWhole(String email) {
    String message = "Invalid $filter 'emailaddress1 eq '" + email + "' and statecode eq 0'";

    assertThat(failureMessage(400, "0x0", message))
        .endsWith(": Invalid $filter 'emailaddress1 eq '[email]' and statecode eq 0'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+447700900123",
        "+44 7700 900123",
        "+1 (415) 555-0100",
        "+49.30.1234567",
        "%2B447700900123"
      })
  void realPhonesAreMaskedWhole(String phone) {
    String message =
        "Invalid $filter 'mobilephone eq '" + phone + "' or telephone1 eq '" + phone + "''";

    assertThat(failureMessage(400, "0x0", message))
        .endsWith(": Invalid $filter 'mobilephone eq '[phone]' or telephone1 eq '[phone]''");
  }

  @Test
  void anEmailNextToABindIsMaskedAndTheBindIsNot() {
    String message =
        "Contact for 'msdyn_customer_msdyn_ocliveworkitem_contact@odata.bind' has"
            + " emailaddress1 'secret@example.com' and mobilephone '+44 7700 900123'";

    assertThat(failureMessage(400, "0x0", message))
        .endsWith(
            ": Contact for 'msdyn_customer_msdyn_ocliveworkitem_contact@odata.bind' has"
                + " emailaddress1 '[email]' and mobilephone '[phone]'")
        .doesNotContain("<", ">");
  }
}
