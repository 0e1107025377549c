package com.opencx.handoff.devstack;

import com.opencx.handoff.emulators.DemoData;

/**
 * The demo handoff's start request and the customer's later message with a photo, as JSON and as
 * the curl lines the dev stack prints.
 */
final class DemoRequest {

  private DemoRequest() {}

  static String json() {
    return "{\"sessionId\":\""
        + DemoData.SESSION_ID
        + "\",\"channel\":\"whatsapp\",\"customer\":{\"phone\":\""
        + DemoData.CUSTOMER_PHONE
        + "\",\"name\":\""
        + DemoData.CUSTOMER_NAME
        + "\",\"email\":\""
        + DemoData.CUSTOMER_EMAIL
        + "\"},\"summary\":\""
        + DemoData.SUMMARY.replace("\"", "\\\"")
        + "\",\"lastInboundAt\":\""
        + java.time.Instant.now()
            .minusSeconds(300)
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + "\",\"media\":[]}";
  }

  /** The customer's message after the handoff: a text and the seeded photo. */
  static String messageJson() {
    return "{\"messageId\":\"wamid-demo-1\",\"receivedAt\":\""
        + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + "\",\"text\":\"Here is the bank statement showing both payments.\",\"media\":[{\"mediaId\":\""
        + DemoData.PHOTO_MEDIA_ID
        + "\",\"mimeType\":\""
        + DemoData.PHOTO_TYPE
        + "\",\"fileName\":\"statement.png\"}]}";
  }

  static String curl(String apiUrl, String token) {
    return post(apiUrl + "/v1/handoffs", token, json());
  }

  static String messageCurl(String apiUrl, String token) {
    return post(apiUrl + "/v1/handoffs/" + DemoData.SESSION_ID + "/messages", token, messageJson());
  }

  private static String post(String url, String token, String body) {
    return "curl -s -X POST "
        + url
        + " -H 'Authorization: Bearer "
        + token
        + "' -H 'Content-Type: application/json' -d '"
        + body.replace("'", "'\\''")
        + "'";
  }
}
