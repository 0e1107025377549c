package com.opencx.handoff.emulators.dataverse;

import com.opencx.handoff.emulators.dataverse.Schema.Bind;
import com.opencx.handoff.emulators.dataverse.Schema.Column;
import com.opencx.handoff.emulators.dataverse.Schema.Entity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a create/update body into a stored row the way Dataverse would judge it: every property
 * must exist in {@link Schema}, every value must fit its column, every {@code @odata.bind} must
 * point at an existing row of the right entity set, and state changes must be valid pairs. Every
 * refusal names the offending property, so a failing test says exactly what the client got wrong.
 */
final class RecordWriter {

  /** Which conditional-write semantics apply. */
  enum Mode {
    /** {@code If-None-Match: *} or POST: fail with 412 when the row exists. */
    CREATE,
    /** {@code If-Match: *}: fail with 404 when the row is missing. */
    UPDATE,
    /** No condition: create or update. */
    UPSERT
  }

  private static final Pattern BIND_VALUE =
      Pattern.compile("/([A-Za-z_][A-Za-z0-9_]*)\\(([^)]*)\\)");
  private static final String BIND_SUFFIX = "@odata.bind";

  private final Store store;
  private final ColumnRules columnRules;

  RecordWriter(Store store, IntSupplier maxUploadFileSize) {
    this.store = store;
    this.columnRules = new ColumnRules(maxUploadFileSize);
  }

  /**
   * Validates and applies a write.
   *
   * @param contentIds {@code $n} references of the enclosing change set ("n" → "set(id)")
   * @return true when a row was created, false when one was updated
   */
  boolean write(
      Entity entity,
      String id,
      Map<String, Object> body,
      Mode mode,
      Map<String, String> contentIds) {
    synchronized (store) {
      Optional<Map<String, Object>> existing = store.get(entity.set(), id);
      if (existing.isPresent() && mode == Mode.CREATE) {
        throw new DataverseException(
            412,
            DataverseException.DUPLICATE,
            "A record with matching key values already exists: "
                + entity.set()
                + "("
                + Store.canonical(id)
                + ")");
      }
      if (existing.isEmpty() && mode == Mode.UPDATE) {
        throw DataverseException.notFound(entity.logicalName(), Store.canonical(id));
      }
      boolean create = existing.isEmpty();
      Map<String, Object> changes = validate(entity, id, body, create, contentIds);
      Map<String, Object> row = new LinkedHashMap<>();
      if (create) {
        row.put(entity.key(), Store.canonical(id));
      } else {
        row.putAll(existing.get());
      }
      row.putAll(changes);
      ColumnRules.checkState(entity, row, changes, create);
      store.put(entity.set(), id, row);
      return create;
    }
  }

  /** Checks a body without writing it; returns the columns (and lookup values) it would set. */
  Map<String, Object> validate(
      Entity entity,
      String id,
      Map<String, Object> body,
      boolean create,
      Map<String, String> contentIds) {
    Map<String, Object> changes = new LinkedHashMap<>();
    for (Map.Entry<String, Object> property : body.entrySet()) {
      String name = property.getKey();
      Object value = property.getValue();
      if (name.equals("@odata.type")) {
        if (!entity.typeName().equals(value) && !("#" + entity.typeName()).equals(value)) {
          throw DataverseException.badRequest(
              "'@odata.type' is '" + value + "' but the entity is '" + entity.typeName() + "'");
        }
      } else if (name.endsWith(BIND_SUFFIX)) {
        bind(entity, name.substring(0, name.length() - BIND_SUFFIX.length()), value, contentIds)
            .forEach(
                (column, target) -> {
                  if (changes.containsKey(column)) {
                    throw DataverseException.badRequest(
                        "Two navigation properties in the body set '"
                            + column
                            + "' (for example a contact and an account customer); bind only one");
                  }
                  changes.put(column, target);
                });
      } else if (name.contains("@")) {
        throw DataverseException.badRequest(
            "Unsupported instance annotation '" + name + "' in the body of " + entity.typeName());
      } else {
        Column column = entity.columns().get(name);
        if (column == null) {
          throw unknownProperty(entity, name);
        }
        Object checked = columnRules.check(entity, column, value);
        if (name.equals(entity.key()) && !Store.canonical(id).equals(checked)) {
          throw DataverseException.badRequest(
              "Property '"
                  + name
                  + "' in the body ("
                  + value
                  + ") differs from the key in the URL");
        }
        if (column.required() && isBlank(checked)) {
          throw DataverseException.badRequest(requiredMessage(entity, column));
        }
        changes.put(name, checked);
      }
    }
    if (create) {
      for (Column column : entity.columns().values()) {
        if (column.required() && isBlank(changes.get(column.name()))) {
          throw DataverseException.badRequest(requiredMessage(entity, column));
        }
      }
      if (!entity.stateOnCreate() && changes.containsKey("statecode")) {
        throw DataverseException.badRequest(
            "Property 'statecode' cannot be set when creating a "
                + entity.logicalName()
                + "; create it, then update statecode together with statuscode");
      }
    }
    return changes;
  }

  private Map<String, String> bind(
      Entity entity, String property, Object value, Map<String, String> contentIds) {
    Bind bind = entity.binds().get(property);
    if (bind == null) {
      throw DataverseException.badRequest(
          "Unknown navigation property '"
              + property
              + "' in '"
              + property
              + BIND_SUFFIX
              + "' on "
              + entity.typeName()
              + "; known navigation properties: "
              + entity.binds().keySet());
    }
    String expected = "/" + bind.targetSet() + "(<guid>)";
    if (!(value instanceof String)) {
      throw DataverseException.badRequest(
          "'"
              + property
              + BIND_SUFFIX
              + "' must be a string like '"
              + expected
              + "', was "
              + value);
    }
    String text = (String) value;
    if (text.startsWith("$") && contentIds.containsKey(text.substring(1))) {
      text = "/" + contentIds.get(text.substring(1));
    }
    Matcher m = BIND_VALUE.matcher(text);
    if (!m.matches() || !Store.isGuid(m.group(2))) {
      throw DataverseException.badRequest(
          "'"
              + property
              + BIND_SUFFIX
              + "' is '"
              + value
              + "', not of the form '"
              + expected
              + "'");
    }
    if (!m.group(1).equals(bind.targetSet())) {
      throw DataverseException.badRequest(
          "Navigation property '"
              + property
              + "' binds to entity set '"
              + bind.targetSet()
              + "', but the value '"
              + value
              + "' names '"
              + m.group(1)
              + "'");
    }
    if (!store.exists(bind.targetSet(), m.group(2))) {
      String logical = Schema.entity(bind.targetSet()).orElseThrow().logicalName();
      throw new DataverseException(
          404,
          DataverseException.NOT_FOUND,
          logical
              + " With Id = "
              + Store.canonical(m.group(2))
              + " Does Not Exist (bound by '"
              + property
              + BIND_SUFFIX
              + "')");
    }
    return Map.of(bind.lookupColumn(), Store.canonical(m.group(2)));
  }

  static DataverseException unknownProperty(Entity entity, String name) {
    String hint =
        entity.readable(name).isPresent()
            ? " ('" + name + "' is a read-only lookup value; set it with an @odata.bind property)"
            : "";
    return DataverseException.badRequest(
        "Invalid property '"
            + name
            + "' was found in entity '"
            + entity.typeName()
            + "'"
            + hint
            + "; known properties: "
            + entity.columns().keySet());
  }

  private static String requiredMessage(Entity entity, Column column) {
    return "Required property '"
        + column.name()
        + "' of "
        + entity.typeName()
        + " is missing or empty";
  }

  private static boolean isBlank(Object value) {
    return value == null || value instanceof String && ((String) value).isBlank();
  }
}
