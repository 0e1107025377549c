package com.opencx.handoff.activities.dynamics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MSAL4J against a local HTTPS token endpoint: the token request's form, MSAL's cache on the second
 * call, a forced refresh going back to the endpoint, and a rejected client mapped to 401.
 */
class MsalTokenProviderTest {

  private static final String ENV = "https://contoso.crm4.dynamics.com";

  private final MockWebServer server = new MockWebServer();
  private final List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
  private final List<String> otherRequests = new CopyOnWriteArrayList<>();
  private final AtomicInteger issued = new AtomicInteger();
  private volatile boolean rejectClient;
  private HandshakeCertificates client;

  @BeforeEach
  void start() throws Exception {
    HeldCertificate localhost =
        new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
    HandshakeCertificates serverCerts =
        new HandshakeCertificates.Builder().heldCertificate(localhost).build();
    client =
        new HandshakeCertificates.Builder().addTrustedCertificate(localhost.certificate()).build();
    server.useHttps(serverCerts.sslSocketFactory());
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            if (path.equals("/tenant-1/oauth2/v2.0/token")) {
              tokenRequests.add(request);
              if (rejectClient) {
                return json(
                    401,
                    "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid"
                        + " client secret provided.\",\"error_codes\":[7000215]}");
              }
              return json(
                  200,
                  "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
                      + "\"scope\":\""
                      + ENV
                      + "/.default\","
                      + "\"access_token\":\"token-"
                      + issued.incrementAndGet()
                      + "\"}");
            }
            otherRequests.add(request.getRequestLine());
            return new MockResponse.Builder().code(404).build();
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void requestsClientCredentialsTokenForTheEnvironmentScopeAndCachesIt() {
    MsalTokenProvider provider = provider();

    assertThat(provider.token()).isEqualTo("token-1");
    assertThat(provider.token()).isEqualTo("token-1");
    assertThat(tokenRequests).hasSize(1);
    // With instance discovery off, MSAL 1.23 posts straight to <authority>oauth2/v2.0/token.
    assertThat(otherRequests).isEmpty();

    RecordedRequest request = tokenRequests.get(0);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/tenant-1/oauth2/v2.0/token");
    Map<String, String> form = form(request.getBody().utf8());
    assertThat(form)
        .containsEntry("grant_type", "client_credentials")
        .containsEntry("client_id", "client-1")
        .containsEntry("client_secret", "s3cret")
        .containsKey("scope");
    assertThat(form.get("scope").split(" ")).contains(ENV + "/.default");
    assertThat(request.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void refreshSkipsTheCache() {
    MsalTokenProvider provider = provider();

    assertThat(provider.token()).isEqualTo("token-1");
    assertThat(provider.refresh()).isEqualTo("token-2");
    assertThat(tokenRequests).hasSize(2);
    assertThat(provider.token()).isEqualTo("token-2");
    assertThat(tokenRequests).hasSize(2);
  }

  @Test
  void rejectedClientIsUnauthorizedWithoutTheSecret() {
    rejectClient = true;

    assertThatThrownBy(() -> provider().token())
        .isInstanceOfSatisfying(
            DataverseException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.errorCode()).isEqualTo("invalid_client");
              assertThat(e.toApplicationFailure().getType()).isEqualTo("DataverseUnauthorized");
              assertThat(e.getMessage()).doesNotContain("s3cret");
            });
  }

  /**
   * A local authority. MSAL keys its token cache by host without port but looks tokens up by host
   * with port, so the instance metadata names both as aliases of one cloud; without it the cache
   * would never hit for an authority on a non-default port (production authorities have none).
   */
  private MsalTokenProvider provider() {
    String hostPort = server.getHostName() + ":" + server.getPort();
    String metadata =
        "{\"tenant_discovery_endpoint\":\"https://"
            + hostPort
            + "/tenant-1/v2.0/.well-known/openid-configuration\",\"api-version\":\"1.1\","
            + "\"metadata\":[{\"preferred_network\":\""
            + server.getHostName()
            + "\",\"preferred_cache\":\""
            + server.getHostName()
            + "\",\"aliases\":[\""
            + hostPort
            + "\",\""
            + server.getHostName()
            + "\"]}]}";
    return new MsalTokenProvider(
        server.url("/tenant-1/").toString(),
        "client-1",
        "s3cret",
        ENV,
        builder ->
            builder
                .validateAuthority(false)
                .instanceDiscovery(false)
                .aadInstanceDiscoveryResponse(metadata)
                .sslSocketFactory(client.sslSocketFactory()));
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }
}
