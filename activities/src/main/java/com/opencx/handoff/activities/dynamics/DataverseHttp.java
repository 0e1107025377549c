package com.opencx.handoff.activities.dynamics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;

/**
 * The two OkHttp clients {@link DataverseClient} sends through, sharing one connection pool and one
 * dispatcher: {@link #replaying()} for requests that are safe to send twice, {@link #oneShot()} for
 * the rest. The pool drops a connection after {@link #KEEP_ALIVE} idle, below the idle timeout of
 * the Azure front ends in front of Dataverse, so that the pool rarely holds a connection the server
 * has closed; when it still does (the server closed it for its own reasons, or the close crossed
 * our request), OkHttp's {@code retryOnConnectionFailure} sends a safe request again on a fresh
 * connection instead of failing with "unexpected end of stream". OkHttp also resends when an answer
 * is lost after the request went out, which is why that retry is only for requests whose second
 * delivery changes nothing: a {@code GET}, a {@code PATCH} (an upsert of the same values, a create
 * with {@code If-None-Match: *} that a second time answers 412 = "already exists", an update with
 * {@code If-Match: *}) and a {@code $batch} of such {@code PATCH}es. An action {@code POST} is not
 * replayed: a second {@code CommitAnnotationBlocksUpload} would spend its FileContinuationToken
 * twice and turn a lost answer into a non-retryable 400; it fails as a retryable
 * DataverseUnavailable and the activity's retry finds its own earlier write. For non-GETs OkHttp
 * also probes a connection idle for more than 10 s before reusing it, which keeps that case rare.
 * OkHttp never resends after a read timeout (Dataverse may still be working), and a resend happens
 * inside the caller's pacing permit, so it never exceeds the concurrency cap.
 */
final class DataverseHttp {

  /**
   * How long an idle connection stays pooled. OkHttp's default is 5 minutes; IIS (which Dataverse
   * runs on) closes idle keep-alive connections after 120 s and Azure's load balancers drop idle
   * flows after 4 minutes. 50 s stays well below both while keeping a busy worker's connections
   * warm (the health probe alone runs once a minute).
   */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(50);

  /** OkHttp's default: idle connections kept beyond the ones in use. */
  static final int MAX_IDLE_CONNECTIONS = 5;

  private final OkHttpClient replaying;
  private final OkHttpClient oneShot;

  DataverseHttp(DataverseSettings settings, EventListener metrics) {
    this.replaying =
        new OkHttpClient.Builder()
            .eventListener(metrics)
            .connectionPool(
                new ConnectionPool(
                    MAX_IDLE_CONNECTIONS, KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS))
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.readTimeout())
            // A redirect could carry the token elsewhere; Dataverse never needs one.
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(true)
            .build();
    this.oneShot = replaying.newBuilder().retryOnConnectionFailure(false).build();
  }

  /**
   * The client for one request: {@code replayable} when a second delivery changes nothing (see the
   * class comment).
   */
  OkHttpClient client(boolean replayable) {
    return replayable ? replaying : oneShot;
  }
}
