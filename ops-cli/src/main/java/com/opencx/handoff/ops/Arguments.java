package com.opencx.handoff.ops;

import com.opencx.handoff.workflows.model.Phase;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The rules arguments are checked against before anything is sent, as picocli converters: picocli
 * then prefixes the option or parameter's name, so each error reads "Invalid value for option
 * '--workstream': … must be a GUID …" and exits 2. The rules are the API's (SPEC §6), so a session
 * id or workstream the API would refuse is refused here too, without a round trip to Temporal.
 */
final class Arguments {

  static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  static final int MAX_REASON = 500;

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

  private Arguments() {}

  /** OpenCX's session id: 1-128 letters, digits, '_' or '-'. */
  static final class SessionId implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!SESSION_ID.matcher(value).matches()) {
        throw new TypeConversionException(
            "'"
                + printable(value)
                + "' is not a session id: 1-128 letters, digits, '_' or '-' ("
                + value.length()
                + " characters given)");
      }
      return value;
    }
  }

  /** A Dynamics workstream id: a GUID such as 5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f. */
  static final class Guid implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!GUID.matcher(value).matches()) {
        throw new TypeConversionException(
            "'"
                + printable(value)
                + "' must be a GUID (8-4-4-4-12 hex digits, e.g."
                + " 5f1c2b7e-3d4a-4e8b-9c6d-0a1b2c3d4e5f: a msdyn_liveworkstreamid)");
      }
      return value.toLowerCase(Locale.ROOT);
    }
  }

  /** {@code 500ms}, {@code 5s}, {@code 2m} or ISO-8601 ({@code PT5S}); above 0, at most 10m. */
  static final class Timeout implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration duration;
      Matcher m = SHORT_DURATION.matcher(value);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        duration =
            switch (m.group(2)) {
              case "ms" -> Duration.ofMillis(n);
              case "s" -> Duration.ofSeconds(n);
              default -> Duration.ofMinutes(n);
            };
      } else {
        try {
          duration = Duration.parse(value);
        } catch (DateTimeParseException e) {
          throw new TypeConversionException(
              "'" + printable(value) + "' is not a duration: write e.g. 500ms, 5s or 2m");
        }
      }
      if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_TIMEOUT) > 0) {
        throw new TypeConversionException(
            "'" + printable(value) + "' must be above 0 and at most 10m");
      }
      return duration;
    }
  }

  /** A phase name (any case) or {@code all}; null stands for all. */
  static final class Status implements ITypeConverter<Phase> {
    @Override
    public Phase convert(String value) {
      if (value.equalsIgnoreCase("all")) {
        return null;
      }
      return Arrays.stream(Phase.values())
          .filter(p -> p.name().equalsIgnoreCase(value))
          .findFirst()
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "'" + printable(value) + "' must be one of " + phases() + " or all"));
    }
  }

  static String phases() {
    return Arrays.stream(Phase.values()).map(Phase::name).collect(Collectors.joining(", "));
  }

  /** A cancel reason: not blank, at most 500 characters, one line. */
  static final class Reason implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String reason = value.strip();
      if (reason.isEmpty() || reason.length() > MAX_REASON) {
        throw new TypeConversionException(
            "the reason must be 1-" + MAX_REASON + " characters (" + reason.length() + " given)");
      }
      if (reason.chars().anyMatch(Character::isISOControl)) {
        throw new TypeConversionException(
            "the reason must be one line, without control characters");
      }
      return reason;
    }
  }

  /** A value quoted back in an error: cut short and with control characters shown as '?'. */
  static String printable(String value) {
    String cut = value.length() > 60 ? value.substring(0, 60) + "…" : value;
    return cut.codePoints()
        .map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }
}
