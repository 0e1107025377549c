package com.opencx.handoff.emulators.dataverse;

import com.opencx.handoff.emulators.dataverse.Schema.Entity;
import com.opencx.handoff.emulators.http.ControlRoutes;
import com.opencx.handoff.emulators.http.EmulatorControls;
import com.opencx.handoff.emulators.http.EmulatorHttpServer;
import com.opencx.handoff.emulators.http.ErrorCodes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

/**
 * An in-memory Dataverse Web API v9.2 on 127.0.0.1 that is as strict as a real org about names
 * (only what {@code reference/dataverse.md} lists exists), so the product's Dynamics client can be
 * proven against it in tests and in the embedded dev stack without a tenant. It implements the
 * calls the product makes: conditional writes, reads and queries, {@code $batch} with atomic change
 * sets (format in {@link BatchProcessor}), chunked note uploads, and service protection and faults
 * on demand. Every error is {@code {"error":{"code":…,"message":…}}} with a message naming the
 * offending property. Seeding and inspection methods let tests arrange and check rows directly.
 */
public final class DataverseEmulator extends EmulatorControls {

  /** The path prefix of every Web API call. */
  public static final String API_PATH = "/api/data/v9.2/";

  /** Dataverse's default {@code organization.maxuploadfilesize}: 5 MB, measured on Base64. */
  public static final int DEFAULT_MAX_UPLOAD_FILE_SIZE = 5_242_880;

  private static final ErrorCodes CODES =
      new ErrorCodes("", "ExpiredAuthTicket", "-2147015902", "-2147015898", "");
  private static final String ORGANIZATION_ID = "6c2a3b5d-1e0f-4a7b-8c9d-2e3f4a5b6c7d";
  private static final String USER_ID = "0b9e8d7c-6f5a-4b3c-9d2e-1f0a9b8c7d6e";

  private final Store store = new Store();
  private final UserPrivileges privileges = new UserPrivileges(USER_ID, ORGANIZATION_ID);
  private final Router router;

  private DataverseEmulator(int port, String bearerToken, Holder holder) {
    super(
        new EmulatorHttpServer(
            "dataverse-emulator",
            port,
            bearerToken,
            CODES,
            Map.of("OData-Version", "4.0"),
            request -> holder.router.handle(request)));
    store.put(
        "organizations",
        ORGANIZATION_ID,
        Map.of(
            "organizationid", ORGANIZATION_ID, "maxuploadfilesize", DEFAULT_MAX_UPLOAD_FILE_SIZE));
    router =
        new Router(
            store,
            environmentUrl(),
            this::maxUploadFileSize,
            Map.of(
                "BusinessUnitId", ORGANIZATION_ID,
                "UserId", USER_ID,
                "OrganizationId", ORGANIZATION_ID),
            privileges,
            server::batchPartFault);
    holder.router = router;
  }

  /** Lets the already listening server reach the router once it exists. */
  private static final class Holder {
    volatile Router router;
  }

  /**
   * Starts an emulator on 127.0.0.1.
   *
   * @param port the port, or 0 for a free one
   * @param bearerToken the only access token accepted
   */
  public static DataverseEmulator start(int port, String bearerToken) {
    return new DataverseEmulator(port, bearerToken, new Holder());
  }

  /** {@code http://127.0.0.1:<port>}; the client appends {@code /api/data/v9.2/…}. */
  public String environmentUrl() {
    return server.baseUrl();
  }

  /** Seeds contacts and workstreams over the control API ({@link SeedRoutes}). */
  @Override
  protected ControlRoutes controlRoutes() {
    return new SeedRoutes(this);
  }

  /** Adds an active workstream (WhatsApp's {@code msdyn_streamsource} is 192300000). */
  public String addWorkstream(String id, String name, int streamSource) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("msdyn_liveworkstreamid", id);
    row.put("msdyn_name", name);
    row.put("msdyn_streamsource", streamSource);
    return addRecord("msdyn_liveworkstreams", row);
  }

  /** The application user's {@code systemuserid}, as {@code WhoAmI} answers it. */
  public String userId() {
    return USER_ID;
  }

  /**
   * Takes a privilege (e.g. {@code prvCreatemsdyn_ocliveworkitem}) away from the application user,
   * as removing it from its security role would; {@code RetrieveUserPrivileges} then lacks it.
   * Writes are not refused for it (inject a 403 fault for that).
   *
   * @return false when the user did not hold it
   */
  public boolean revokePrivilege(String privilegeName) {
    return privileges.revoke(privilegeName);
  }

  /** Gives the application user a privilege at {@code depth}: Basic, Local, Deep or Global. */
  public void grantPrivilege(String privilegeName, String depth) {
    privileges.grant(privilegeName, depth);
  }

  /** Back to the default: every privilege on every known entity at Global depth. */
  public void grantAllPrivileges() {
    privileges.grantAll();
  }

  /** The application user's privileges, name to depth. */
  public Map<String, String> privileges() {
    return privileges.held();
  }

  /** Deletes a row behind the client's back (e.g. the workstream); false when there was none. */
  public boolean removeRecord(String entitySet, String id) {
    entity(entitySet);
    return store.remove(entitySet, id);
  }

  /** Adds a contact (active unless the columns say otherwise); returns its contactid. */
  public String addContact(Map<String, Object> columns) {
    return addRecord("contacts", columns);
  }

  /**
   * Adds a row to any known entity set, bypassing the HTTP validation but not the schema: unknown
   * columns are refused. The key is generated when absent; statecode/statuscode default to 0/1
   * where the entity has states. Lookup values are given as {@code _x_value} columns.
   *
   * @return the row's id
   * @throws IllegalArgumentException for an unknown entity set or column
   */
  public String addRecord(String entitySet, Map<String, Object> columns) {
    Entity entity = entity(entitySet);
    Map<String, Object> row = new LinkedHashMap<>();
    Object key = columns.get(entity.key());
    String id = key == null ? UUID.randomUUID().toString() : key.toString();
    if (!Store.isGuid(id)) {
      throw new IllegalArgumentException(entity.key() + " must be a GUID, was " + id);
    }
    row.put(entity.key(), Store.canonical(id));
    if (!entity.states().isEmpty()) {
      row.put("statecode", 0);
      row.put("statuscode", 1);
    }
    columns.forEach(
        (name, value) -> row.put(checkColumn(entity, name), canonical(entity, name, value)));
    row.put(entity.key(), Store.canonical(id));
    store.put(entitySet, id, row);
    return Store.canonical(id);
  }

  /** The stored row (columns that were never set are absent), or empty. */
  public Optional<Map<String, Object>> record(String entitySet, String id) {
    entity(entitySet);
    return store.get(entitySet, id);
  }

  /** Every stored row of the set, in insertion order. */
  public List<Map<String, Object>> records(String entitySet) {
    entity(entitySet);
    return store.list(entitySet);
  }

  /**
   * Sets one column of an existing row without validation (for example statecode 1 and statuscode 4
   * to close a conversation behind the client's back).
   *
   * @throws NoSuchElementException when the row does not exist
   */
  public void setRecordColumn(String entitySet, String id, String column, Object value) {
    Entity entity = entity(entitySet);
    synchronized (store) {
      Map<String, Object> row =
          new LinkedHashMap<>(
              store
                  .get(entitySet, id)
                  .orElseThrow(
                      () -> new NoSuchElementException("no " + entitySet + "(" + id + ")")));
      row.put(checkColumn(entity, column), canonical(entity, column, value));
      store.put(entitySet, id, row);
    }
  }

  /** Sets {@code organization.maxuploadfilesize} (Base64 characters). */
  public void setMaxUploadFileSize(int bytes) {
    setRecordColumn("organizations", ORGANIZATION_ID, "maxuploadfilesize", bytes);
  }

  private int maxUploadFileSize() {
    Object value =
        store.get("organizations", ORGANIZATION_ID).orElseThrow().get("maxuploadfilesize");
    return value instanceof Number ? ((Number) value).intValue() : DEFAULT_MAX_UPLOAD_FILE_SIZE;
  }

  private static Entity entity(String entitySet) {
    return Schema.entity(entitySet)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown entity set '" + entitySet + "'; known: " + Schema.setNames()));
  }

  private static Object canonical(Entity entity, String column, Object value) {
    boolean guid = entity.readable(column).orElseThrow().type() == Schema.Type.GUID;
    return guid && value instanceof String && Store.isGuid((String) value)
        ? Store.canonical((String) value)
        : value;
  }

  private static String checkColumn(Entity entity, String column) {
    if (entity.readable(column).isEmpty()) {
      throw new IllegalArgumentException(
          "Unknown column '"
              + column
              + "' of "
              + entity.set()
              + "; known: "
              + entity.readableNames());
    }
    return column;
  }
}
