package com.opencx.handoff.activities.dynamics;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.MsalServiceException;
import java.net.MalformedURLException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Microsoft Entra client-credentials tokens for Dataverse through MSAL4J. One {@link
 * ConfidentialClientApplication} per provider (so one per tenant and client id in the process)
 * keeps MSAL's token cache, which serves a token until shortly before it expires; {@link
 * #refresh()} skips that cache after Dataverse refused a token. Failures surface as {@link
 * DataverseException}: a rejected client (wrong secret, unknown client or tenant) as 401, which
 * ends DataverseUnauthorized, anything else as unavailable, which is retried. Neither the secret
 * nor the token is ever logged or put in a message.
 */
public final class MsalTokenProvider implements TokenProvider {

  private static final String OPERATION = "token request to Microsoft Entra";

  private final ConfidentialClientApplication app;
  private final Set<String> scopes;

  /** Production: authority {@code https://login.microsoftonline.com/<tenantId>/}. */
  public MsalTokenProvider(
      String tenantId, String clientId, String clientSecret, String environmentUrl) {
    this(
        "https://login.microsoftonline.com/" + require(tenantId, "dynamics.tenant-id") + "/",
        clientId,
        clientSecret,
        environmentUrl,
        builder -> {});
  }

  /**
   * Any authority, e.g. a local test token endpoint, with {@code customizer} applied to MSAL's
   * builder (for a test endpoint: no authority validation or instance discovery, its TLS trust).
   */
  MsalTokenProvider(
      String authority,
      String clientId,
      String clientSecret,
      String environmentUrl,
      Consumer<ConfidentialClientApplication.Builder> customizer) {
    require(clientId, "dynamics.client-id");
    require(clientSecret, "dynamics.client-secret");
    require(environmentUrl, "dynamics.environment-url");
    this.scopes = Set.of(environmentUrl + "/.default");
    try {
      ConfidentialClientApplication.Builder builder =
          ConfidentialClientApplication.builder(
                  clientId, ClientCredentialFactory.createFromSecret(clientSecret))
              .authority(authority);
      customizer.accept(builder);
      this.app = builder.build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(
          "dynamics.tenant-id does not give a valid authority URL: " + e.getMessage());
    }
  }

  @Override
  public String token() {
    return acquire(false);
  }

  @Override
  public String refresh() {
    return acquire(true);
  }

  private String acquire(boolean skipCache) {
    ClientCredentialParameters parameters =
        ClientCredentialParameters.builder(scopes).skipCache(skipCache).build();
    try {
      return app.acquireToken(parameters).get().accessToken();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataverseException(0, "", "interrupted", OPERATION, null, null);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof MsalServiceException service
          && service.statusCode() >= 400
          && service.statusCode() < 500
          && service.statusCode() != 429) {
        // invalid_client, unauthorized_client, tenant not found: credentials or configuration.
        throw new DataverseException(
            401, service.errorCode(), firstLine(service.getMessage()), OPERATION, null, null);
      }
      throw new DataverseException(
          0,
          "",
          cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()),
          OPERATION,
          null,
          null);
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end).trim();
  }

  private static String require(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " is required for Microsoft Entra authentication");
    }
    return value;
  }

  @Override
  public String toString() {
    return "MsalTokenProvider[scopes=" + scopes + "]";
  }
}
