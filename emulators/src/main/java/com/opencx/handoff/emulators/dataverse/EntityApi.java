package com.opencx.handoff.emulators.dataverse;

import com.opencx.handoff.emulators.dataverse.RecordWriter.Mode;
import com.opencx.handoff.emulators.dataverse.Schema.Entity;
import com.opencx.handoff.emulators.http.Json;
import com.opencx.handoff.emulators.http.Request;
import com.opencx.handoff.emulators.http.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The entity-set endpoints ({@code <set>} and {@code <set>(<guid>)}): create, conditional
 * upsert/create/update, read, query and delete, with Dataverse's status codes and headers. Shared
 * by plain requests and {@code $batch} parts so that both behave identically.
 */
final class EntityApi {

  private static final Pattern RESOURCE =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\(([^)]*)\\))?(/.*)?");

  private final Store store;
  private final RecordWriter writer;
  private final String apiBase;

  /**
   * @param apiBase absolute URL of the API root ending in {@code /api/data/v9.2/}
   */
  EntityApi(Store store, RecordWriter writer, String apiBase) {
    this.store = store;
    this.writer = writer;
    this.apiBase = apiBase;
  }

  /** Answers a request for {@code resource}, the path after {@code /api/data/v9.2/}. */
  Response handle(Request request, String resource, Map<String, String> contentIds) {
    Matcher m = RESOURCE.matcher(resource);
    if (!m.matches()) {
      throw DataverseException.badRequest("Resource not found for the segment '" + resource + "'");
    }
    Entity entity =
        Schema.entity(m.group(1))
            .orElseThrow(
                () ->
                    DataverseException.badRequest(
                        "Resource not found for the segment '"
                            + m.group(1)
                            + "': unknown entity set; known: "
                            + Schema.setNames()));
    if (m.group(3) != null) {
      throw DataverseException.badRequest(
          "Path segment '" + m.group(3) + "' after " + m.group(1) + " is not supported");
    }
    String key = m.group(2);
    if (key != null && !Store.isGuid(key)) {
      throw DataverseException.badRequest(
          "Key '"
              + key
              + "' of "
              + entity.set()
              + " is not a GUID (expected "
              + entity.set()
              + "(<guid>))");
    }
    String method = request.method();
    if (key == null && method.equals("GET")) {
      return query(entity, request);
    }
    if (key == null && method.equals("POST")) {
      return create(entity, request, contentIds);
    }
    if (key != null && method.equals("GET")) {
      return read(entity, key, request);
    }
    if (key != null && method.equals("PATCH")) {
      return patch(entity, key, request, contentIds);
    }
    if (key != null && method.equals("DELETE")) {
      if (!store.remove(entity.set(), key)) {
        throw DataverseException.notFound(entity.logicalName(), Store.canonical(key));
      }
      return Response.empty(204);
    }
    throw new DataverseException(405, "", "Method " + method + " is not allowed on " + resource);
  }

  private Response query(Entity entity, Request request) {
    ODataQuery q = ODataQuery.parse(entity, request.queryParameters(), true);
    List<Map<String, Object>> rows =
        store.list(entity.set()).stream()
            .filter(q.filter())
            .limit(q.top() == null ? Long.MAX_VALUE : q.top())
            .map(row -> view(entity, row, q.select()))
            .collect(Collectors.toList());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", context(entity, q.select()));
    body.put("value", rows);
    return Response.json(200, body);
  }

  private Response read(Entity entity, String key, Request request) {
    ODataQuery q = ODataQuery.parse(entity, request.queryParameters(), false);
    Map<String, Object> row =
        store
            .get(entity.set(), key)
            .orElseThrow(
                () -> DataverseException.notFound(entity.logicalName(), Store.canonical(key)));
    return Response.json(200, entity(entity, row, q.select()));
  }

  private Response create(Entity entity, Request request, Map<String, String> contentIds) {
    Map<String, Object> body = body(request);
    Object given = body.get(entity.key());
    if (given != null && !(given instanceof String && Store.isGuid((String) given))) {
      throw DataverseException.badRequest(
          "Property '" + entity.key() + "' must be a GUID, was '" + given + "'");
    }
    String id = given == null ? UUID.randomUUID().toString() : (String) given;
    writer.write(entity, id, body, Mode.CREATE, contentIds);
    return written(entity, id, request, 201);
  }

  private Response patch(
      Entity entity, String key, Request request, Map<String, String> contentIds) {
    String ifMatch = request.header("If-Match");
    String ifNoneMatch = request.header("If-None-Match");
    if (ifNoneMatch != null && ifNoneMatch.trim().equals("null")) {
      ifNoneMatch = null;
    }
    if (ifMatch != null && !ifMatch.trim().equals("*")
        || ifNoneMatch != null && !ifNoneMatch.trim().equals("*")) {
      throw DataverseException.badRequest(
          "Only 'If-Match: *' and 'If-None-Match: *' (or 'If-None-Match: null') are supported by"
              + " the emulator");
    }
    if (ifMatch != null && ifNoneMatch != null) {
      throw DataverseException.badRequest("Send either If-Match: * or If-None-Match: *, not both");
    }
    Mode mode = ifNoneMatch != null ? Mode.CREATE : ifMatch != null ? Mode.UPDATE : Mode.UPSERT;
    boolean created = writer.write(entity, key, body(request), mode, contentIds);
    return written(entity, key, request, created ? 201 : 200);
  }

  private Response written(Entity entity, String id, Request request, int representationStatus) {
    String entityId = apiBase + entity.set() + "(" + Store.canonical(id) + ")";
    String prefer = request.header("Prefer");
    if (prefer != null && prefer.contains("return=representation")) {
      ODataQuery q = ODataQuery.parse(entity, request.queryParameters(), false);
      Map<String, Object> row = store.get(entity.set(), id).orElseThrow();
      return Response.json(representationStatus, entity(entity, row, q.select()))
          .withHeader("OData-EntityId", entityId)
          .withHeader("Preference-Applied", "return=representation");
    }
    return Response.empty(204).withHeader("OData-EntityId", entityId);
  }

  private static Map<String, Object> body(Request request) {
    String type = request.header("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new DataverseException(
          415,
          "",
          "Content-Type must be application/json for " + request.method() + ", was " + type);
    }
    try {
      return Json.readObject(request.body());
    } catch (IllegalArgumentException e) {
      throw DataverseException.badRequest(e.getMessage());
    }
  }

  private Map<String, Object> entity(Entity entity, Map<String, Object> row, List<String> select) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", context(entity, select) + "/$entity");
    body.putAll(view(entity, row, select));
    return body;
  }

  private static Map<String, Object> view(
      Entity entity, Map<String, Object> row, List<String> select) {
    Map<String, Object> view = new LinkedHashMap<>();
    if (select == null) {
      entity.readableNames().forEach(name -> view.put(name, row.get(name)));
    } else {
      view.put(entity.key(), row.get(entity.key()));
      select.forEach(name -> view.put(name, row.get(name)));
    }
    return view;
  }

  private String context(Entity entity, List<String> select) {
    return apiBase
        + "$metadata#"
        + entity.set()
        + (select == null ? "" : "(" + String.join(",", select) + ")");
  }
}
