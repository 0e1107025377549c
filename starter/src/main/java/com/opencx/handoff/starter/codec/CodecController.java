package com.opencx.handoff.starter.codec;

import com.opencx.handoff.starter.docs.ApiDocsConfiguration;
import com.opencx.handoff.starter.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's codec server protocol, so that the Temporal UI and CLI can show an authorised operator
 * the payloads the workers store encrypted (SPEC §8): {@code POST /codec/decode} and {@code POST
 * /codec/encode} take and answer {@code Payloads} in proto3 JSON and run them through the process's
 * one {@link PayloadCodec} bean, the same codec the workers use. Payloads go through the codec one
 * at a time, so that a payload it refuses (another key, tampered bytes) is answered as a 400 naming
 * its index and the codec's reason instead of failing the whole call opaquely. The bearer filter
 * has already admitted only ops tokens; this class refuses a request for another namespace than the
 * one the API serves. Payload contents are never logged.
 */
@RestController
@RequestMapping(CodecController.PATH)
@Tag(
    name = ApiDocsConfiguration.CODEC,
    description =
        "Temporal's codec server protocol, for the Temporal UI and CLI: ops tokens only; at most"
            + " 1,000 payloads a call.")
public class CodecController {

  static final String PATH = "/codec";
  static final int MAX_REASON_CHARS = 200;

  private static final Logger log = LoggerFactory.getLogger(CodecController.class);

  /** Null when no codec bean exists: the API starts, and the endpoint answers 503. */
  private final PayloadCodec codec;

  private final String namespace;

  public CodecController(
      ObjectProvider<PayloadCodec> codecs,
      @Value("${spring.temporal.namespace:default}") String namespace) {
    this.codec = codecs.getIfAvailable(); // two candidates without a @Primary fail the start
    this.namespace = namespace;
  }

  @PostMapping(
      path = "/decode",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Decode payloads",
      description = "Runs each payload through the API's payload codec, the workers' own.")
  @ApiResponse(
      responseCode = "200",
      description = "The payloads decoded, in order.",
      content = @Content(schema = @Schema(implementation = PayloadsDocument.class)))
  @ApiResponse(
      responseCode = "400",
      description =
          "invalid_request: not Payloads JSON; undecodable_payload: the first payload the codec"
              + " refused (another key, tampered), named with the codec's reason.")
  @ApiResponse(
      responseCode = "403",
      description = "forbidden: not an ops token; wrong_namespace: X-Namespace is another one.")
  @ApiResponse(
      responseCode = "503",
      description = "codec_unavailable: this process has no payload codec.")
  public ResponseEntity<Object> decode(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(schema = @Schema(implementation = PayloadsDocument.class)))
          @RequestBody
          byte[] body,
      @RequestHeader(name = "X-Namespace", required = false) String requestedNamespace) {
    return run("decode", PayloadCodec::decode, body, requestedNamespace);
  }

  @PostMapping(
      path = "/encode",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Encode payloads",
      description = "Runs each payload through the API's payload codec, the workers' own.")
  @ApiResponse(
      responseCode = "200",
      description = "The payloads encoded, in order.",
      content = @Content(schema = @Schema(implementation = PayloadsDocument.class)))
  @ApiResponse(
      responseCode = "400",
      description =
          "invalid_request: not Payloads JSON; unencodable_payload: the first payload the codec"
              + " refused, named with the codec's reason.")
  @ApiResponse(
      responseCode = "403",
      description = "forbidden: not an ops token; wrong_namespace: X-Namespace is another one.")
  @ApiResponse(
      responseCode = "503",
      description = "codec_unavailable: this process has no payload codec.")
  public ResponseEntity<Object> encode(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(schema = @Schema(implementation = PayloadsDocument.class)))
          @RequestBody
          byte[] body,
      @RequestHeader(name = "X-Namespace", required = false) String requestedNamespace) {
    return run("encode", PayloadCodec::encode, body, requestedNamespace);
  }

  private ResponseEntity<Object> run(
      String direction,
      BiFunction<PayloadCodec, List<Payload>, List<Payload>> operation,
      byte[] body,
      String requestedNamespace) {
    // The CLI sends its --namespace, the UI the namespace on screen; a caller that sends none
    // (curl, older clients) means the one namespace there is.
    if (requestedNamespace != null
        && !requestedNamespace.isBlank()
        && !requestedNamespace.equals(namespace)) {
      return refuse(
          HttpStatus.FORBIDDEN,
          "wrong_namespace",
          "this codec endpoint serves namespace "
              + namespace
              + ", not "
              + requestedNamespace
              + " (X-Namespace)",
          List.of());
    }
    if (codec == null) {
      return refuse(
          HttpStatus.SERVICE_UNAVAILABLE,
          "codec_unavailable",
          "no payload codec is configured in this process",
          List.of());
    }
    Payloads input;
    try {
      input = PayloadsJson.parse(body);
    } catch (PayloadsJson.Unreadable e) {
      return refuse(
          HttpStatus.BAD_REQUEST,
          "invalid_request",
          e.field + " " + e.rule,
          List.of(violation(e.field, e.rule)));
    }
    Payloads.Builder output = Payloads.newBuilder();
    for (int i = 0; i < input.getPayloadsCount(); i++) {
      List<Payload> result;
      try {
        result = operation.apply(codec, List.of(input.getPayloads(i)));
      } catch (RuntimeException e) {
        log.warn(
            "codec {} refused payload {} of {}: {}",
            direction,
            i,
            input.getPayloadsCount(),
            e.getClass().getName());
        String field = "payloads[" + i + "]";
        String rule = "could not be " + direction + "d: " + reason(e);
        return refuse(
            HttpStatus.BAD_REQUEST,
            direction.equals("decode") ? "undecodable_payload" : "unencodable_payload",
            field + " " + rule,
            List.of(violation(field, rule)));
      }
      if (result == null || result.size() != 1) {
        throw new IllegalStateException(
            "the payload codec answered " + (result == null ? "null" : result.size()) + " for 1");
      }
      output.addPayloads(result.get(0));
    }
    log.debug("codec {} of {} payloads", direction, input.getPayloadsCount());
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(PayloadsJson.print(output.build()));
  }

  /**
   * The codec's own refusal ({@link PayloadCodecException}) is meant to be read, e.g. "unknown key
   * id"; anything else may carry a message built from the bytes it choked on, so only its type is
   * named.
   */
  static String reason(RuntimeException e) {
    if (e instanceof PayloadCodecException && e.getMessage() != null) {
      String message = e.getMessage().replaceAll("\\p{Cntrl}", " ").strip();
      return message.length() > MAX_REASON_CHARS
          ? message.substring(0, MAX_REASON_CHARS) + "…"
          : message;
    }
    return "the codec failed (" + e.getClass().getSimpleName() + ")";
  }

  private static Map<String, String> violation(String field, String rule) {
    return Map.of("field", field, "rule", rule);
  }

  private static ResponseEntity<Object> refuse(
      HttpStatus status, String error, String message, List<Map<String, String>> violations) {
    ProblemDetail problem =
        Problems.withViolations(Problems.of(status, error, message), violations);
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
