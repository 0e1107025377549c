package com.opencx.handoff.activities.opencx;

import java.util.List;

/**
 * Which approved WhatsApp template an {@link AgentMessage} sends and the values of its {@code
 * {{1}}…} placeholders: what a rep may still send once the customer's 24-hour window has closed.
 * The values often name the customer or their order, so {@link #toString()} shows only how many
 * there are.
 *
 * @param name the template's name as {@link OpenCxClient#templates()} lists it
 * @param language the template's language code
 * @param parameters one value per placeholder, in order; null is sent as none
 */
public record TemplateCall(String name, String language, List<String> parameters) {

  @Override
  public String toString() {
    return "TemplateCall[name="
        + name
        + ", language="
        + language
        + ", parameters="
        + (parameters == null ? "null" : "(" + parameters.size() + " values)")
        + "]";
  }
}
