package com.opencx.handoff.emulators.opencx;

import java.util.List;
import java.util.Objects;

/**
 * An approved WhatsApp message template as OpenCX lists it ({@code GET /v1/templates}): the only
 * kind of message a business may send once the customer's 24-hour window has closed. The emulator
 * checks a template call against it (known name and language, {@code parameters} values for the
 * {@code {{1}}…{{n}}} placeholders of {@code text}).
 *
 * @param name the template's name, e.g. {@code order_update}
 * @param language its language code, e.g. {@code en}
 * @param parameters how many parameters a call must pass
 * @param text the approved text with placeholders {@code {{1}}…}
 */
public record Template(String name, String language, int parameters, String text) {

  /** What a fresh emulator offers until {@link OpenCxEmulator#setTemplates} replaces it. */
  public static final List<Template> DEFAULTS =
      List.of(
          new Template(
              "order_update",
              "en",
              1,
              "Hi, about your order {{1}}: we have an update. Reply to continue."),
          new Template(
              "follow_up",
              "en",
              0,
              "Hi, we have an answer to your question. Reply to this message to continue."),
          new Template(
              "appointment_reminder",
              "en",
              2,
              "Hi, a reminder of your appointment on {{1}} at {{2}}. Reply to confirm."));

  public Template {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(text, "text");
    if (name.isBlank() || language.isBlank()) {
      throw new IllegalArgumentException("a template needs a name and a language");
    }
    if (parameters < 0) {
      throw new IllegalArgumentException("parameters must not be negative, was " + parameters);
    }
  }
}
