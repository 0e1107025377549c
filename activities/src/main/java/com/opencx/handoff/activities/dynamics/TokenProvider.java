package com.opencx.handoff.activities.dynamics;

/**
 * Supplies the bearer token {@link DataverseClient} sends to the configured Dataverse environment.
 * It is an interface so that production uses Microsoft Entra ({@link MsalTokenProvider}) while the
 * local emulator and tests use a fixed token ({@link StaticTokenProvider}). Implementations must be
 * thread-safe and must never log the token.
 */
public interface TokenProvider {

  /** A valid token, from a cache when one is still fresh. */
  String token();

  /** A new token, bypassing any cache: called once after Dataverse answers 401. */
  String refresh();
}
