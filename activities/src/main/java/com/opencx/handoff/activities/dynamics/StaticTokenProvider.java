package com.opencx.handoff.activities.dynamics;

import java.util.Objects;

/**
 * A fixed bearer token, for the local Dataverse emulator and tests where no Microsoft Entra tenant
 * exists. Refreshing returns the same token, so a 401 from the emulator still ends as
 * DataverseUnauthorized after one retry, exactly as with real credentials.
 */
public final class StaticTokenProvider implements TokenProvider {

  private final String token;

  public StaticTokenProvider(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("dynamics.static-token must not be blank");
    }
    this.token = Objects.requireNonNull(token);
  }

  @Override
  public String token() {
    return token;
  }

  @Override
  public String refresh() {
    return token;
  }

  @Override
  public String toString() {
    return "StaticTokenProvider[token=***]";
  }
}
