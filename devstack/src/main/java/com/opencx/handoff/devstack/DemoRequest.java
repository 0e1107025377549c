package com.opencx.handoff.devstack;

import com.opencx.handoff.emulators.DemoData;

/** The demo handoff's start request, as JSON and as the curl line the dev stack prints. */
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

  static String curl(String apiUrl, String token) {
    return "curl -s -X POST "
        + apiUrl
        + "/v1/handoffs -H 'Authorization: Bearer "
        + token
        + "' -H 'Content-Type: application/json' -d '"
        + json().replace("'", "'\\''")
        + "'";
  }
}
