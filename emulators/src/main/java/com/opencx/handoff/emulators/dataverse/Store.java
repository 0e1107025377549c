package com.opencx.handoff.emulators.dataverse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The emulated organisation's rows, in memory. Rows are immutable maps replaced whole on every
 * write, so a change set can snapshot the store cheaply and put it back on failure. Callers that
 * check and then write, or run a change set, hold the store's monitor ({@code synchronized
 * (store)}) for the whole operation.
 */
final class Store {

  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Map<String, LinkedHashMap<String, Map<String, Object>>> rows = new HashMap<>();

  Store() {
    Schema.setNames().forEach(set -> rows.put(set, new LinkedHashMap<>()));
  }

  /** True for the canonical 8-4-4-4-12 hex form (Java's UUID parser is laxer). */
  static boolean isGuid(String text) {
    return text != null && GUID.matcher(text).matches();
  }

  /** Lower-case form used for storage and comparison. */
  static String canonical(String guid) {
    return guid.toLowerCase(Locale.ROOT);
  }

  synchronized Optional<Map<String, Object>> get(String set, String id) {
    return Optional.ofNullable(table(set).get(canonical(id)));
  }

  synchronized boolean exists(String set, String id) {
    return table(set).containsKey(canonical(id));
  }

  synchronized List<Map<String, Object>> list(String set) {
    return new ArrayList<>(table(set).values());
  }

  synchronized void put(String set, String id, Map<String, Object> row) {
    table(set).put(canonical(id), Collections.unmodifiableMap(new LinkedHashMap<>(row)));
  }

  synchronized boolean remove(String set, String id) {
    return table(set).remove(canonical(id)) != null;
  }

  /** A copy of every table that shares the (immutable) rows. */
  synchronized Map<String, LinkedHashMap<String, Map<String, Object>>> snapshot() {
    Map<String, LinkedHashMap<String, Map<String, Object>>> copy = new HashMap<>();
    rows.forEach((set, table) -> copy.put(set, new LinkedHashMap<>(table)));
    return copy;
  }

  synchronized void restore(Map<String, LinkedHashMap<String, Map<String, Object>>> snapshot) {
    rows = snapshot;
  }

  private LinkedHashMap<String, Map<String, Object>> table(String set) {
    LinkedHashMap<String, Map<String, Object>> table = rows.get(set);
    if (table == null) {
      throw new IllegalArgumentException(
          "Unknown entity set '" + set + "'; known: " + Schema.setNames());
    }
    return table;
  }
}
