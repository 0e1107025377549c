package com.opencx.handoff.emulators.opencx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents the emulated OpenCX answers with (SPEC §3.2), built in one place so that every
 * endpoint that returns a session returns exactly the shape {@code GET /v1/sessions/{id}} promises.
 */
final class Views {

  private Views() {}

  /**
   * {@code {id, channel, status, customer: {name, email, phone}, summary, lastInboundAt, meta}}.
   */
  static Map<String, Object> session(Session s) {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("name", s.customerName());
    customer.put("email", s.email());
    customer.put("phone", s.phone());
    Map<String, Object> meta = new LinkedHashMap<>();
    if (s.dynamicsChatId() != null) {
      meta.put("dynamics365_chat_id", s.dynamicsChatId());
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", s.id());
    view.put("channel", s.channel());
    view.put("status", s.status());
    view.put("customer", customer);
    view.put("summary", s.summary());
    view.put("lastInboundAt", s.lastInboundAt() == null ? null : s.lastInboundAt().toString());
    view.put("meta", meta);
    return view;
  }

  /** {@code {templates: [{name, language, parameters, text}]}}. */
  static Map<String, Object> templates(List<Template> templates) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Template t : templates) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("name", t.name());
      item.put("language", t.language());
      item.put("parameters", t.parameters());
      item.put("text", t.text());
      list.add(item);
    }
    return Map.of("templates", list);
  }
}
