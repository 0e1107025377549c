package com.opencx.handoff.activities.opencx;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An approved WhatsApp template as OpenCX lists it ({@code GET /v1/templates}, SPEC §3.2), so that
 * a rep whose free-form reply the closed 24-hour window refused can be offered what may still be
 * sent. Fields OpenCX may add later are ignored.
 *
 * @param name the name a {@link TemplateCall} uses
 * @param language its language code
 * @param parameters how many values a call must pass
 * @param text the approved text with placeholders {@code {{1}}…}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageTemplate(String name, String language, int parameters, String text) {}
