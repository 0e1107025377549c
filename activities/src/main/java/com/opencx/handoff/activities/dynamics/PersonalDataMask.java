package com.opencx.handoff.activities.dynamics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the customer's email addresses and phone numbers in a Dataverse error message, and nothing
 * else. Dataverse echoes the values we sent ("Invalid $filter 'emailaddress1 eq …'"), and the
 * message travels into failures, the status document, the audit and logs; but the same message
 * names what an operator must fix, and those names look like emails to a naive pattern: {@code
 * msdyn_liveworkstreamid_msdyn_ocliveworkitem@odata.bind}, {@code
 * _x_value@Microsoft.Dynamics.CRM.lookuplogicalname}, {@code
 * statecode@OData.Community.Display.V1.FormattedValue}. So an address is masked unless its "domain"
 * is an OData control-information name or a Dataverse annotation namespace. Phones are masked only
 * with their international prefix ({@code +} or its URL form {@code %2B}): the values we send are
 * E.164, and bare digit runs are GUIDs, error codes and ids. The masks are {@code [email]} and
 * {@code [phone]} because the Temporal UI renders failures as Markdown, which drops {@code <…>}.
 */
final class PersonalDataMask {

  static final String EMAIL_MASK = "[email]";
  static final String PHONE_MASK = "[phone]";

  private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?";

  /**
   * Local part: RFC 5322 atom characters, an OData-doubled quote ({@code o''brien}) or a single
   * quote between letters ({@code o'brien}), so a quote that delimits an OData literal stays out.
   */
  private static final Pattern EMAIL =
      Pattern.compile(
          "(?:[\\p{L}\\p{N}!#$%&*+/=?^_`{|}~.-]|''|(?<=[\\p{L}\\p{N}])'(?=[\\p{L}\\p{N}]))+"
              + "(?:@|%40)("
              + LABEL
              + "(?:\\."
              + LABEL
              + ")+)");

  /** Names after {@code @} that are OData's, not a mail domain: {@code x@odata.bind}. */
  private static final Pattern ODATA_NAME =
      Pattern.compile(
          "odata\\.(?:bind|etag|type|context|id|count|nextlink|deltalink|editlink|readlink"
              + "|navigationlink|associationlink|mediaeditlink|mediareadlink|mediacontenttype"
              + "|mediaetag|metadataetag|removed|delta)"
              + "|(?:microsoft\\.dynamics\\.crm|microsoft\\.powerapps\\.cds|odata\\.community)\\..+",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern PHONE = Pattern.compile("(?:\\+|%2[Bb])\\d[\\d\\s().-]{5,}\\d");
  private static final int MIN_PHONE_DIGITS = 7;

  private PersonalDataMask() {}

  /** {@code message} with every email and international phone number replaced by its mask. */
  static String mask(String message) {
    return maskPhones(maskEmails(message));
  }

  private static String maskEmails(String message) {
    Matcher m = EMAIL.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = ODATA_NAME.matcher(m.group(1)).matches() ? m.group() : EMAIL_MASK;
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    return m.appendTail(out).toString();
  }

  private static String maskPhones(String message) {
    Matcher m = PHONE.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String digits = m.group().replaceAll("\\D", "");
      // "%2B" contributes a 2 that is not part of the number.
      int count = digits.length() - (m.group().startsWith("%") ? 1 : 0);
      String replacement = count >= MIN_PHONE_DIGITS ? PHONE_MASK : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    return m.appendTail(out).toString();
  }
}
