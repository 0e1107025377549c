package com.opencx.handoff.emulators.dataverse;

import com.opencx.handoff.emulators.http.ControlFields;
import com.opencx.handoff.emulators.http.ControlRoutes;
import com.opencx.handoff.emulators.http.Request;
import com.opencx.handoff.emulators.http.Response;
import java.util.Map;
import java.util.Set;

/**
 * The Dataverse emulator's seed routes on the control API, for rows a rehearsal needs that the
 * product never writes itself:
 *
 * <ul>
 *   <li>{@code POST /emulator/contacts} with the contact's columns ({@code firstname}, {@code
 *       emailaddress1}, {@code mobilephone}, …; {@code contactid} generated when absent): 201
 *       {@code {"contactid":…}}; an unknown column is a 400 naming it
 *   <li>{@code POST /emulator/workstreams} {@code {"id"?, "name", "streamSource"?}} (WhatsApp's
 *       192300000 by default): an active workstream, 201 {@code {"msdyn_liveworkstreamid":…}}
 * </ul>
 *
 * Deleting or deactivating a workstream needs no route of its own: the emulated Web API's {@code
 * DELETE} and {@code PATCH} of {@code msdyn_liveworkstreams(<id>)} do it, as an admin would.
 */
final class SeedRoutes implements ControlRoutes {

  static final String CONTACTS = "/emulator/contacts";
  static final String WORKSTREAMS = "/emulator/workstreams";
  private static final int WHATSAPP = 192300000;

  private final DataverseEmulator dataverse;

  SeedRoutes(DataverseEmulator dataverse) {
    this.dataverse = dataverse;
  }

  @Override
  public boolean claims(String path) {
    return path.equals(CONTACTS) || path.equals(WORKSTREAMS);
  }

  @Override
  public Response handle(Request request) {
    if (!request.method().equals("POST")) {
      return Response.error(405, "method_not_allowed", "use POST " + request.path())
          .withHeader("Allow", "POST");
    }
    if (request.path().equals(CONTACTS)) {
      Map<String, Object> columns = ControlFields.body(request);
      return Response.json(201, Map.of("contactid", dataverse.addContact(columns)));
    }
    ControlFields f = ControlFields.of(request, Set.of("id", "name", "streamSource"));
    String id = f.string("id", java.util.UUID.randomUUID().toString());
    if (!Store.isGuid(id)) {
      throw new ControlFields.BadField("id", "id must be a GUID, was " + id);
    }
    String created =
        dataverse.addWorkstream(
            id,
            f.requiredString("name"),
            f.integer("streamSource", WHATSAPP, 0, Integer.MAX_VALUE));
    return Response.json(201, Map.of("msdyn_liveworkstreamid", created));
  }
}
