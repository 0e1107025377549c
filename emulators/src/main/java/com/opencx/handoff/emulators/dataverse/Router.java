package com.opencx.handoff.emulators.dataverse;

import com.opencx.handoff.emulators.http.Request;
import com.opencx.handoff.emulators.http.Response;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Sends each Web API request (or {@code $batch} part) to the code that answers it and turns
 * refusals into Dataverse error bodies, so that a request behaves the same on the wire and inside a
 * batch.
 */
final class Router {

  private final EntityApi entities;
  private final AnnotationUploads uploads;
  private final BatchProcessor batch;
  private final Map<String, Object> whoAmI;
  private final UserPrivileges privileges;
  private final String apiBase;

  /** The refusal an armed {@code inBatch} fault gives a {@code $batch} part, or null. */
  interface PartFaults {
    Response take(String method, String path);
  }

  Router(
      Store store,
      String environmentUrl,
      IntSupplier maxUploadFileSize,
      Map<String, Object> whoAmI,
      UserPrivileges privileges,
      PartFaults partFaults) {
    String apiBase = environmentUrl + DataverseEmulator.API_PATH;
    RecordWriter writer = new RecordWriter(store, maxUploadFileSize);
    this.entities = new EntityApi(store, writer, apiBase);
    this.uploads = new AnnotationUploads(writer, apiBase);
    this.batch =
        new BatchProcessor(
            store,
            environmentUrl,
            (part, contentIds) -> {
              Response refused = partFaults.take(part.method(), part.path());
              return refused != null ? refused : dispatch(part, contentIds);
            });
    this.whoAmI = Map.copyOf(whoAmI);
    this.privileges = privileges;
    this.apiBase = apiBase;
  }

  /** Answers a request that arrived on the wire. */
  Response handle(Request request) {
    String api = DataverseEmulator.API_PATH;
    if (!request.path().startsWith(api)) {
      return Response.error(
          404, "", "Not a Web API path: '" + request.path() + "' (expected " + api + "…)");
    }
    if (request.path().equals(api + "$batch")) {
      try {
        requireMethod(request, "POST");
        return batch.process(request);
      } catch (DataverseException e) {
        return e.toResponse();
      }
    }
    return dispatch(request, Map.of());
  }

  /** Answers one request; {@code contentIds} resolves {@code $n} inside a change set. */
  Response dispatch(Request request, Map<String, String> contentIds) {
    String resource = request.path().substring(DataverseEmulator.API_PATH.length());
    try {
      switch (resource) {
        case "$batch":
          throw DataverseException.badRequest("A $batch cannot contain another $batch");
        case "WhoAmI":
          requireMethod(request, "GET");
          return Response.json(200, whoAmI);
        case "InitializeAnnotationBlocksUpload":
          requireMethod(request, "POST");
          return uploads.initialize(request);
        case "UploadBlock":
          requireMethod(request, "POST");
          return uploads.uploadBlock(request);
        case "CommitAnnotationBlocksUpload":
          requireMethod(request, "POST");
          return uploads.commit(request);
        default:
          if (UserPrivileges.matches(resource)) {
            requireMethod(request, "GET");
            return privileges.answer(resource, apiBase);
          }
          return entities.handle(request, resource, contentIds);
      }
    } catch (DataverseException e) {
      return e.toResponse();
    } catch (IllegalArgumentException e) {
      return Response.error(400, DataverseException.BAD_REQUEST, e.getMessage());
    }
  }

  private static void requireMethod(Request request, String method) {
    if (!request.method().equals(method)) {
      throw new DataverseException(405, "", request.path() + " needs " + method);
    }
  }
}
