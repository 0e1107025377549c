package com.opencx.handoff.emulators.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The one JSON configuration both emulators read and write with, strict on input (duplicate keys
 * and trailing tokens are errors) because the emulators exist to catch malformed client payloads.
 */
public final class Json {

  /** Content type of every JSON response. */
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private Json() {}

  /**
   * Parses a JSON object into insertion-ordered maps, lists, strings, numbers and booleans.
   *
   * @throws IllegalArgumentException with the parser's reason when the body is not a JSON object
   */
  public static Map<String, Object> readObject(byte[] body) {
    if (body.length == 0) {
      throw new IllegalArgumentException("The request body is empty; a JSON object is required");
    }
    try {
      Map<String, Object> value = MAPPER.readValue(body, OBJECT);
      if (value == null) {
        throw new IllegalArgumentException("The request body must be a JSON object, not null");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "The request body is not a valid JSON object: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serialises a value (maps, lists, records, {@code java.time} types as ISO-8601). */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass(), e);
    }
  }
}
