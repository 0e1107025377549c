package com.opencx.handoff.starter.codec;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The codec protocol's body as the OpenAPI description shows it: the proto3 JSON form of Temporal's
 * {@code Payloads}, which {@link PayloadsJson} reads and writes. The endpoint never binds it (it
 * reads the bytes itself, to name a bad payload by its index); it exists for the documentation.
 */
@Schema(name = "Payloads", description = "Temporal's Payloads in proto3 JSON.")
record PayloadsDocument(
    @ArraySchema(
            maxItems = PayloadsJson.MAX_PAYLOADS,
            schema = @Schema(implementation = Payload.class))
        List<Payload> payloads) {

  @Schema(name = "Payload", description = "One payload; unknown fields are ignored.")
  record Payload(
      @Schema(
              description = "Metadata values, base64; encoding says how data is encoded.",
              example = "{\"encoding\": \"YmluYXJ5L2VuY3J5cHRlZA==\"}")
          Map<String, String> metadata,
      @Schema(description = "The payload's bytes, base64.", format = "byte") String data) {}
}
