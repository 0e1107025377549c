package com.opencx.handoff.emulators.dataverse;

import com.opencx.handoff.emulators.dataverse.Schema.Column;
import com.opencx.handoff.emulators.dataverse.Schema.Entity;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * What a single value must satisfy to be stored: its column's type and length, Base64 and the
 * organisation's upload limit for a note's {@code documentbody}, and the valid statecode/statuscode
 * pairs. Split from {@link RecordWriter} so that the per-value rules read on their own.
 */
final class ColumnRules {

  private final IntSupplier maxUploadFileSize;

  ColumnRules(IntSupplier maxUploadFileSize) {
    this.maxUploadFileSize = maxUploadFileSize;
  }

  /** The value to store, or a refusal naming the column. */
  Object check(Entity entity, Column column, Object value) {
    if (value == null) {
      return null;
    }
    String where = "property '" + column.name() + "' of " + entity.typeName();
    switch (column.type()) {
      case STRING:
        if (!(value instanceof String)) {
          throw typeMismatch(where, column, value);
        }
        String text = (String) value;
        if (column.maxLength() > 0 && text.length() > column.maxLength()) {
          throw DataverseException.badRequest(
              "Value of "
                  + where
                  + " is "
                  + text.length()
                  + " characters long; the maximum length is "
                  + column.maxLength());
        }
        if (column.name().equals("documentbody")) {
          checkDocumentBody(text);
        }
        if (column.name().equals("filename")) {
          checkExtension(text);
        }
        return text;
      case INT:
        if (!(value instanceof Integer)) {
          throw typeMismatch(where, column, value);
        }
        return value;
      case BOOL:
        if (!(value instanceof Boolean)) {
          throw typeMismatch(where, column, value);
        }
        return value;
      case GUID:
        if (!(value instanceof String) || !Store.isGuid((String) value)) {
          throw typeMismatch(where, column, value);
        }
        return Store.canonical((String) value);
      default:
        throw new IllegalStateException(column.type().name());
    }
  }

  /**
   * Part of Dataverse's default {@code organization.blockedattachments}: files that could run code
   * on the rep's machine.
   */
  static final Set<String> BLOCKED_EXTENSIONS =
      Set.of("bat", "cmd", "com", "dll", "exe", "js", "jse", "msi", "ps1", "scr", "vbs", "wsf");

  private static void checkExtension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (BLOCKED_EXTENSIONS.contains(extension)) {
      throw new DataverseException(
          400,
          DataverseException.BLOCKED_ATTACHMENT,
          "The attachment is either not a valid type or is too large. It cannot be uploaded or"
              + " downloaded.");
    }
  }

  private void checkDocumentBody(String base64) {
    try {
      Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw DataverseException.badRequest(
          "Property 'documentbody' is not valid Base64: " + e.getMessage());
    }
    int max = maxUploadFileSize.getAsInt();
    if (base64.length() > max) {
      throw new DataverseException(
          400,
          DataverseException.TOO_LARGE,
          "The attachment is either not a valid type or is too large. It cannot be uploaded or"
              + " downloaded. (documentbody is "
              + base64.length()
              + " Base64 characters; maxuploadfilesize is "
              + max
              + ")");
    }
  }

  /** Defaults statecode/statuscode on create and refuses invalid pairs. */
  static void checkState(
      Entity entity, Map<String, Object> row, Map<String, Object> changes, boolean create) {
    Map<Integer, List<Integer>> states = entity.states();
    if (states.isEmpty()) {
      return;
    }
    if (create && !changes.containsKey("statecode")) {
      row.put("statecode", 0);
    }
    Object state = row.get("statecode");
    List<Integer> statuses = state == null ? null : states.get(state);
    if (statuses == null) {
      throw DataverseException.badRequest(
          "statecode "
              + state
              + " is not valid for "
              + entity.logicalName()
              + "; valid: "
              + states);
    }
    if (!changes.containsKey("statuscode") && (create || changes.containsKey("statecode"))) {
      row.put("statuscode", statuses.get(0));
    }
    if (!statuses.contains(row.get("statuscode"))) {
      throw DataverseException.badRequest(
          "statuscode "
              + row.get("statuscode")
              + " is not valid for statecode "
              + state
              + " of "
              + entity.logicalName()
              + "; valid statuscodes for that state: "
              + statuses);
    }
  }

  private static DataverseException typeMismatch(String where, Column column, Object value) {
    return DataverseException.badRequest(
        "Cannot convert the literal '"
            + value
            + "' to the expected type '"
            + column.type().edm
            + "' of "
            + where);
  }
}
