package com.opencx.handoff.activities.dynamics;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A Microsoft Entra token endpoint on local HTTPS for the worker's tests, and real {@link
 * MsalTokenProvider}s pointed at it (through the provider's package-private constructor, hence this
 * package). It issues {@code accessToken} for tenant {@code tenant-1}, or refuses the client the
 * way Entra refuses a wrong secret (401 {@code invalid_client}, AADSTS7000215).
 */
public final class LocalEntra implements AutoCloseable {

  private final MockWebServer server = new MockWebServer();
  private final HandshakeCertificates client;
  private volatile boolean rejectClient;

  public LocalEntra(String accessToken) throws Exception {
    HeldCertificate localhost =
        new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
    client =
        new HandshakeCertificates.Builder().addTrustedCertificate(localhost.certificate()).build();
    server.useHttps(
        new HandshakeCertificates.Builder().heldCertificate(localhost).build().sslSocketFactory());
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (!request.getUrl().encodedPath().equals("/tenant-1/oauth2/v2.0/token")) {
              return new MockResponse.Builder().code(404).build();
            }
            if (rejectClient) {
              return json(
                  401,
                  "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid"
                      + " client secret provided.\",\"error_codes\":[7000215]}");
            }
            return json(
                200,
                "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\""
                    + accessToken
                    + "\"}");
          }
        });
    server.start();
  }

  /** From now on the client is refused, as for a wrong {@code dynamics.client-secret}. */
  public void rejectClient() {
    rejectClient = true;
  }

  /** A provider for {@code environmentUrl} authenticating at this endpoint. */
  public TokenProvider provider(String environmentUrl) {
    return new MsalTokenProvider(
        server.url("/tenant-1/").toString(),
        "client-1",
        "client-secret-value",
        environmentUrl,
        builder ->
            builder
                .validateAuthority(false)
                .instanceDiscovery(false)
                .sslSocketFactory(client.sslSocketFactory()));
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Override
  public void close() {
    server.close();
  }
}
