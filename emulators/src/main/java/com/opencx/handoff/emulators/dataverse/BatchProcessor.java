package com.opencx.handoff.emulators.dataverse;

import com.opencx.handoff.emulators.http.Request;
import com.opencx.handoff.emulators.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Executes {@code POST $batch}: one HTTP request carrying many, with change sets applied
 * atomically, so a client can create a work item and its context items in one round trip. The
 * formats are those of OData 4.0 §11.7 as Dataverse speaks them.
 *
 * <h2>Request</h2>
 *
 * <pre>
 * POST /api/data/v9.2/$batch
 * Content-Type: multipart/mixed; boundary=batch_B        (the boundary may be quoted)
 * [Prefer: odata.continue-on-error]
 *
 * --batch_B
 * Content-Type: multipart/mixed; boundary=changeset_C    (a change set: writes only)
 *
 * --changeset_C
 * Content-Type: application/http
 * Content-Transfer-Encoding: binary
 * Content-ID: 1                        (required in a change set; may also be an inner header)
 *
 * PATCH msdyn_ocliveworkitems(GUID) HTTP/1.1              (see "Part URLs")
 * Content-Type: application/json
 * If-None-Match: *
 *
 * {"subject":"…"}
 * --changeset_C
 * …more parts…
 * --changeset_C--
 * --batch_B
 * Content-Type: application/http                          (a request outside any change set)
 * Content-Transfer-Encoding: binary
 *
 * GET contacts?$select=contactid&amp;$top=2 HTTP/1.1
 *
 * --batch_B--
 * </pre>
 *
 * Line ends may be CRLF or LF. Part URLs may be absolute ({@code
 * http://127.0.0.1:PORT/api/data/v9.2/…}, this emulator only), absolute paths ({@code
 * /api/data/v9.2/…}), paths relative to {@code /api/data/v9.2/}, or {@code $n} (optionally followed
 * by more path) naming the row written by the change-set part with {@code Content-ID: n}; a bind
 * value of {@code "$n"} works too. At most 1000 requests; no GET inside a change set; no nested
 * {@code $batch}.
 *
 * <h2>Response</h2>
 *
 * <pre>
 * HTTP/1.1 200 OK
 * Content-Type: multipart/mixed; boundary=batchresponse_R
 *
 * --batchresponse_R
 * Content-Type: multipart/mixed; boundary=changesetresponse_S
 *
 * --changesetresponse_S
 * Content-Type: application/http
 * Content-Transfer-Encoding: binary
 * Content-ID: 1
 *
 * HTTP/1.1 204 No Content
 * OData-Version: 4.0
 * OData-EntityId: http://127.0.0.1:PORT/api/data/v9.2/msdyn_ocliveworkitems(GUID)
 *
 *
 * --changesetresponse_S--
 * --batchresponse_R
 * Content-Type: application/http
 * Content-Transfer-Encoding: binary
 *
 * HTTP/1.1 200 OK
 * Content-Type: application/json; charset=utf-8
 * OData-Version: 4.0
 *
 * {"@odata.context":"…","value":[…]}
 * --batchresponse_R--
 * </pre>
 *
 * Output always uses CRLF. One response part per request part, in order; a change set answers with
 * a nested {@code changesetresponse} part. When a request of a change set fails (status ≥ 400), the
 * change set's earlier writes are rolled back and its nested part holds only the failing response
 * (with that request's Content-ID). As in Dataverse, processing stops after the first failed change
 * set or request: later parts are not executed and get no response part, unless the batch request
 * says {@code Prefer: odata.continue-on-error} (then {@code Preference-Applied} echoes it). The
 * batch itself answers 200 either way; each part's error body is the usual {@code
 * {"error":{"code","message"}}}. A malformed envelope (no boundary, no closing delimiter, more than
 * 1000 requests) answers 400 with that JSON error instead of a multipart body.
 */
final class BatchProcessor {

  /** Runs one part's request; must turn refusals into error responses itself. */
  interface Dispatcher {
    Response dispatch(Request request, Map<String, String> contentIds);
  }

  private static final String CRLF = Multipart.CRLF;
  private static final int MAX_REQUESTS = 1000;

  private final Store store;
  private final String environmentUrl;
  private final Dispatcher dispatcher;
  private final PartRequests partRequests;

  BatchProcessor(Store store, String environmentUrl, Dispatcher dispatcher) {
    this.store = store;
    this.environmentUrl = environmentUrl;
    this.dispatcher = dispatcher;
    this.partRequests = new PartRequests(environmentUrl);
  }

  Response process(Request batch) {
    String boundary = Multipart.boundary(batch.header("Content-Type"));
    if (boundary == null) {
      throw DataverseException.badRequest(
          "A $batch needs 'Content-Type: multipart/mixed; boundary=batch_<id>', got "
              + batch.header("Content-Type"));
    }
    String text = batch.bodyText().replace("\r\n", "\n");
    List<Multipart.Part> parts = Multipart.parts(text, boundary);
    List<List<Multipart.Part>> units = new ArrayList<>();
    int requests = 0;
    for (Multipart.Part part : parts) {
      String changeSet = Multipart.boundary(part.header("Content-Type"));
      List<Multipart.Part> unit =
          changeSet == null ? List.of(part) : Multipart.parts(part.body(), changeSet);
      units.add(changeSet == null ? null : unit);
      requests += unit.size();
    }
    if (requests > MAX_REQUESTS) {
      throw DataverseException.badRequest(
          "A $batch may hold at most " + MAX_REQUESTS + " requests, this one has " + requests);
    }
    String prefer = batch.header("Prefer");
    boolean continueOnError = prefer != null && prefer.contains("odata.continue-on-error");
    String responseBoundary = "batchresponse_" + UUID.randomUUID();
    StringBuilder out = new StringBuilder();
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      out.append("--").append(responseBoundary).append(CRLF);
      boolean failed =
          units.get(i) == null
              ? single(parts.get(i), out, notes)
              : changeSet(units.get(i), out, notes);
      if (failed && !continueOnError) {
        break;
      }
    }
    out.append("--").append(responseBoundary).append("--").append(CRLF);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "multipart/mixed; boundary=" + responseBoundary);
    if (continueOnError) {
      headers.put("Preference-Applied", "odata.continue-on-error");
    }
    return new Response(
        200, headers, out.toString().getBytes(StandardCharsets.UTF_8), notes.toString());
  }

  private boolean single(Multipart.Part part, StringBuilder out, List<String> notes) {
    String contentId = part.header("Content-ID");
    Response response;
    Request request = null;
    try {
      request = partRequests.read(part, Map.of());
      response = dispatcher.dispatch(request, Map.of());
    } catch (DataverseException e) {
      response = e.toResponse();
    }
    Multipart.writeResponse(out, contentId, response);
    notes.add(note(request, response));
    return response.status() >= 400;
  }

  private boolean changeSet(List<Multipart.Part> parts, StringBuilder out, List<String> notes) {
    String boundary = "changesetresponse_" + UUID.randomUUID();
    StringBuilder inner = new StringBuilder();
    boolean failed = false;
    synchronized (store) {
      var snapshot = store.snapshot();
      Map<String, String> contentIds = new HashMap<>();
      List<String> partNotes = new ArrayList<>();
      for (int i = 0; i < parts.size() && !failed; i++) {
        Multipart.Part part = parts.get(i);
        String contentId = part.header("Content-ID");
        Request request = null;
        Response response;
        try {
          request = partRequests.read(part, contentIds);
          if (contentId == null) {
            contentId = request.header("Content-ID"); // some clients put it there
          }
          if (contentId == null) {
            throw DataverseException.badRequest(
                "Content-ID header not present in change set part " + (i + 1));
          }
          if (contentIds.containsKey(contentId)) {
            throw DataverseException.badRequest("Content-ID " + contentId + " is used twice");
          }
          if (request.method().equals("GET")) {
            throw DataverseException.badRequest("A GET request cannot be part of a change set");
          }
          response = dispatcher.dispatch(request, contentIds);
        } catch (DataverseException e) {
          response = e.toResponse();
        } catch (RuntimeException e) {
          store.restore(snapshot); // an emulator bug must not leave half a change set behind
          throw e;
        }
        partNotes.add(note(request, response));
        if (response.status() >= 400) {
          store.restore(snapshot);
          inner.setLength(0);
          failed = true;
          partNotes.add("rolled back");
        } else {
          String entityId = response.header("OData-EntityId");
          if (contentId != null && entityId != null && entityId.startsWith(apiBase())) {
            contentIds.put(contentId, entityId.substring(apiBase().length()));
          }
        }
        inner.append("--").append(boundary).append(CRLF);
        Multipart.writeResponse(inner, contentId, response);
      }
      notes.add("changeset" + partNotes);
    }
    out.append("Content-Type: multipart/mixed; boundary=").append(boundary).append(CRLF);
    out.append(CRLF).append(inner);
    out.append("--").append(boundary).append("--").append(CRLF);
    return failed;
  }

  private String apiBase() {
    return environmentUrl + DataverseEmulator.API_PATH;
  }

  private static String note(Request request, Response response) {
    String what =
        request == null
            ? "?"
            : request.method()
                + " "
                + request.path().substring(DataverseEmulator.API_PATH.length());
    return what + " " + response.status();
  }
}
