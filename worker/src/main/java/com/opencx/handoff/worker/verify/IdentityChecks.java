package com.opencx.handoff.worker.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.opencx.handoff.activities.dynamics.DataverseClient;
import com.opencx.handoff.activities.dynamics.DataverseException;
import com.opencx.handoff.activities.dynamics.StaticTokenProvider;
import com.opencx.handoff.activities.dynamics.TokenProvider;
import java.util.Locale;
import java.util.Map;

/**
 * Checks 1 and 2: a token for the environment comes from Microsoft Entra (or the static token is
 * configured, emulator only), and Dataverse takes it ({@code WhoAmI}), which also gives the
 * application user's id the privilege check needs. Entra's {@code AADSTS} code picks the fix: each
 * names the configuration key or the Entra setting to change. The token itself is never printed.
 */
final class IdentityChecks {

  static final String TOKEN = "token";
  static final String WHO_AM_I = "whoami";

  private static final String APP_REGISTRATION =
      "Microsoft Entra admin center > App registrations > the handoff's app";

  private final TokenProvider tokens;
  private final DataverseClient client;

  IdentityChecks(TokenProvider tokens, DataverseClient client) {
    this.tokens = tokens;
    this.client = client;
  }

  boolean usesStaticToken() {
    return tokens instanceof StaticTokenProvider;
  }

  CheckResult token() {
    if (usesStaticToken()) {
      return CheckResult.pass(
          TOKEN, "static token (dynamics.static-token), for a local emulator only");
    }
    try {
      tokens.token();
      return CheckResult.pass(TOKEN, "Microsoft Entra issued a client-credentials token");
    } catch (DataverseException e) {
      return CheckResult.fail(
          TOKEN, "Microsoft Entra refused the token request (" + e.getMessage() + ")", tokenFix(e));
    }
  }

  /** Why Entra refused, by its AADSTS code (in the message's first line). */
  static String tokenFix(DataverseException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().toUpperCase(Locale.ROOT);
    if (e.status() == 0) {
      return "Microsoft Entra (login.microsoftonline.com) did not answer: allow outbound HTTPS to it"
          + " from the worker (proxy, firewall, DNS)";
    }
    if (message.contains("AADSTS7000215") || message.contains("AADSTS7000222")) {
      return "dynamics.client-secret is wrong or expired: in "
          + APP_REGISTRATION
          + " > Certificates & secrets, create a client secret and set its Value (not its Secret"
          + " ID)";
    }
    if (message.contains("AADSTS700016")) {
      return "dynamics.client-id names no application in tenant dynamics.tenant-id: set it to the"
          + " app registration's Application (client) ID, registered in that tenant";
    }
    if (message.contains("AADSTS90002") || message.contains("AADSTS900023")) {
      return "dynamics.tenant-id is not a tenant: set the Directory (tenant) ID of the tenant that"
          + " holds the app registration and the environment";
    }
    if (message.contains("AADSTS500011")) {
      return "no Dataverse environment at dynamics.environment-url in this tenant: set the"
          + " environment's URL (https://<org>.crm<N>.dynamics.com, Power Platform admin center >"
          + " Environments)";
    }
    if (message.contains("AADSTS65001")) {
      return "admin consent is missing: in "
          + APP_REGISTRATION
          + " > API permissions, grant admin consent";
    }
    return "check dynamics.tenant-id, dynamics.client-id and dynamics.client-secret against "
        + APP_REGISTRATION
        + " (and that an administrator granted consent for it)";
  }

  /** The application user's id, or the failure. */
  record Identity(CheckResult result, String userId) {}

  Identity whoAmI() {
    try {
      JsonNode answer = client.get("WhoAmI", Map.of());
      String userId = answer.path("UserId").asText("");
      if (userId.isEmpty()) {
        return new Identity(
            CheckResult.fail(
                WHO_AM_I,
                "WhoAmI answered without a UserId",
                "dynamics.environment-url must be the environment's URL, without a path"),
            null);
      }
      return new Identity(
          CheckResult.pass(
              WHO_AM_I,
              "application user "
                  + userId
                  + " in organization "
                  + answer.path("OrganizationId").asText("?")),
          userId);
    } catch (DataverseException e) {
      return new Identity(
          CheckResult.fail(WHO_AM_I, "WhoAmI failed (" + e.getMessage() + ")", whoAmIFix(e)), null);
    }
  }

  private String whoAmIFix(DataverseException e) {
    return switch (e.status()) {
      case 0 ->
          "Dataverse did not answer: check dynamics.environment-url and outbound HTTPS from the"
              + " worker";
      case 401 ->
          usesStaticToken()
              ? "dynamics.static-token is not the token the emulator was started with"
              : "Dataverse refused the token: dynamics.environment-url must be this environment's"
                  + " URL, and its application user must be enabled";
      case 403 ->
          "the application user must exist in the environment: Power Platform admin center >"
              + " Environments > the environment > Settings > Users + permissions > Application"
              + " users > New app user with dynamics.client-id, and give it a security role";
      case 404 ->
          "dynamics.environment-url is not a Dataverse environment (no /api/data/v9.2/WhoAmI)";
      default -> "Dataverse answered HTTP " + e.status() + "; retry, then check the service health";
    };
  }
}
