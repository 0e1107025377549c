package com.opencx.handoff.activities.media;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where media bytes come from (OpenCX's {@code GET /v1/sessions/{id}/media/{mediaId}}), kept behind
 * an interface so the upload side does not depend on the OpenCX client.
 */
public interface MediaSource {

  /** Opens the media item for streaming; the caller closes it. */
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
