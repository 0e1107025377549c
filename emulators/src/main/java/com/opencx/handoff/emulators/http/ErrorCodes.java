package com.opencx.handoff.emulators.http;

/**
 * The {@code error.code} values an emulator puts in the errors raised by the shared front door
 * (authentication, service protection, injected faults), so that each emulator speaks its own
 * service's dialect while sharing one implementation of those concerns.
 *
 * @param unauthorized missing or wrong bearer credential
 * @param expiredToken an injected 401 that stands for an expired access token
 * @param requestLimit too many requests in the window ({@code limitRequests})
 * @param concurrencyLimit too many requests at once ({@code limitConcurrency})
 * @param injected any other injected status
 */
public record ErrorCodes(
    String unauthorized,
    String expiredToken,
    String requestLimit,
    String concurrencyLimit,
    String injected) {}
