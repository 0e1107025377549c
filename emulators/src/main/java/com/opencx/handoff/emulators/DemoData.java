package com.opencx.handoff.emulators;

import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import com.opencx.handoff.emulators.opencx.OpenCxEmulator;
import com.opencx.handoff.emulators.opencx.Session;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The one demo conversation the dev stack and the standalone emulators start with, so that a
 * handoff can be tried end to end right away: a WhatsApp session in OpenCX, the matching active
 * contact and the WhatsApp workstream in Dataverse. Exposed as constants so the dev stack can
 * configure the workstream and start a handoff for the session without repeating literals.
 */
public final class DemoData {

  public static final String SESSION_ID = "demo-session-1";
  public static final String WORKSTREAM_ID = "5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f";
  public static final String WORKSTREAM_NAME = "WhatsApp support";

  /** {@code msdyn_streamsource} of a WhatsApp workstream. */
  public static final int WHATSAPP_STREAM_SOURCE = 192300000;

  public static final String CONTACT_ID = "8d3b6a1e-4c2f-4e7a-9b5d-1f2e3a4b5c6d";
  public static final String CUSTOMER_NAME = "Demo Customer";
  public static final String CUSTOMER_EMAIL = "demo.customer@example.com";
  public static final String CUSTOMER_PHONE = "+14155550100";
  public static final String SUMMARY =
      "The customer was charged twice for order 1042 and wants a refund of the duplicate payment."
          + " They asked to speak to a human agent after the AI could not confirm the refund.";

  /** A photo the demo customer sends after the handoff (a 1×1 PNG held by the OpenCX emulator). */
  public static final String PHOTO_MEDIA_ID = "demo-photo-1";

  public static final String PHOTO_TYPE = "image/png";

  private static final byte[] PHOTO =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

  private DemoData() {}

  /** Seeds both emulators; the session's last inbound message is five minutes ago (UTC clock). */
  public static void seed(DataverseEmulator dataverse, OpenCxEmulator openCx) {
    seed(dataverse, openCx, Clock.systemUTC());
  }

  /** Seeds both emulators; the session's last inbound message is five minutes before now. */
  public static void seed(DataverseEmulator dataverse, OpenCxEmulator openCx, Clock clock) {
    seedDataverse(dataverse);
    seedOpenCx(openCx, clock);
  }

  /** Seeds the WhatsApp workstream and the demo contact. */
  public static void seedDataverse(DataverseEmulator dataverse) {
    dataverse.addWorkstream(WORKSTREAM_ID, WORKSTREAM_NAME, WHATSAPP_STREAM_SOURCE);
    dataverse.addContact(
        Map.of(
            "contactid",
            CONTACT_ID,
            "firstname",
            "Demo",
            "lastname",
            "Customer",
            "emailaddress1",
            CUSTOMER_EMAIL,
            "mobilephone",
            CUSTOMER_PHONE,
            "statecode",
            0,
            "statuscode",
            1));
  }

  /** Seeds the demo WhatsApp session, still with the AI, and the photo its customer sends later. */
  public static void seedOpenCx(OpenCxEmulator openCx, Clock clock) {
    openCx.addSession(
        new Session(
            SESSION_ID,
            "whatsapp",
            "ai",
            CUSTOMER_NAME,
            CUSTOMER_EMAIL,
            CUSTOMER_PHONE,
            SUMMARY,
            clock.instant().minus(Duration.ofMinutes(5)),
            null));
    openCx.addMedia(SESSION_ID, PHOTO_MEDIA_ID, PHOTO_TYPE, PHOTO.clone());
  }
}
