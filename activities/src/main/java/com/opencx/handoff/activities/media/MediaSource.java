package com.opencx.handoff.activities.media;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where media bytes come from (OpenCX's {@code GET /v1/sessions/{id}/media/{mediaId}}), kept behind
 * an interface so the upload side does not depend on the OpenCX client.
 */
public interface MediaSource {

  /**
   * Opens the media item for streaming; the caller closes it. A refusal is thrown as an {@link
   * io.temporal.failure.ApplicationFailure} whose detail is the HTTP status ({@code
   * getDetails().get(Integer.class)}), so that a missing item (404, 410) can be skipped with a note
   * while any other refusal fails the attempt.
   */
  MediaStream open(String sessionId, String mediaId) throws IOException;

  /** The bytes with what the source says about them; {@code contentLength} is -1 when unknown. */
  record MediaStream(String contentType, long contentLength, InputStream body)
      implements AutoCloseable {
    @Override
    public void close() throws IOException {
      body.close();
    }
  }
}
