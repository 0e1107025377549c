package com.opencx.handoff.codec;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that protect every Temporal payload of the service, read from two settings:
 * {@value #KEYS_SETTING} ({@code id:base64} pairs, comma-separated, a secret like the others) and
 * {@value #ACTIVE_SETTING} (the id that encrypts). Every listed key decrypts, so a key is rotated
 * by adding the new one, making it active, and removing the old one only once no history needs it.
 * Every problem is reported at once, naming the setting and the key id, never the key itself.
 */
public final class PayloadKeys {

  public static final String KEYS_SETTING = "handoff.codec.keys";
  public static final String ACTIVE_SETTING = "handoff.codec.active-key";

  static final int KEY_BYTES = 32;
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Map<String, SecretKey> keys;
  private final String activeId;

  private PayloadKeys(Map<String, SecretKey> keys, String activeId) {
    this.keys = Collections.unmodifiableMap(keys);
    this.activeId = activeId;
  }

  /**
   * Parses and checks the two settings; throws {@link InvalidKeysException} listing every problem.
   * With one key and no active id, that key is active.
   */
  public static PayloadKeys parse(String keysSetting, String activeSetting) {
    List<String> problems = new ArrayList<>();
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    if (keysSetting == null || keysSetting.isBlank()) {
      problems.add(
          KEYS_SETTING
              + " is required: one or more id:base64 pairs of 32-byte AES keys (e.g. generate one"
              + " with `openssl rand -base64 32`)");
    } else {
      for (String entry : keysSetting.split(",")) {
        addKey(entry.strip(), keys, problems);
      }
    }
    String active = activeSetting == null || activeSetting.isBlank() ? null : activeSetting.strip();
    if (active == null && keys.size() == 1 && problems.isEmpty()) {
      active = keys.keySet().iterator().next();
    } else if (active == null && !keys.isEmpty()) {
      problems.add(
          ACTIVE_SETTING
              + " is required when "
              + KEYS_SETTING
              + " lists several keys: "
              + ids(keys));
    } else if (active != null && !keys.containsKey(active) && problems.isEmpty()) {
      problems.add(
          ACTIVE_SETTING + " '" + active + "' is not among " + KEYS_SETTING + ": " + ids(keys));
    }
    if (!problems.isEmpty()) {
      throw new InvalidKeysException(problems);
    }
    return new PayloadKeys(keys, active);
  }

  /** A fresh random key set of one key, for the dev stack and tests; its setting form. */
  public static String generateSetting(String id) {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return id + ":" + Base64.getEncoder().encodeToString(key);
  }

  private static void addKey(String entry, Map<String, SecretKey> keys, List<String> problems) {
    int colon = entry.indexOf(':');
    String id = colon < 0 ? entry : entry.substring(0, colon).strip();
    if (colon < 0 || !KEY_ID.matcher(id).matches()) {
      problems.add(
          KEYS_SETTING
              + ": each entry is <id>:<base64 key> with an id of 1-64 letters, digits, '.', '_' or"
              + " '-'"
              + (KEY_ID.matcher(id).matches() ? " (key '" + id + "' has no ':')" : ""));
      return;
    }
    if (keys.containsKey(id)) {
      problems.add(KEYS_SETTING + ": key id '" + id + "' is listed twice");
      return;
    }
    byte[] material;
    try {
      material = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
    } catch (IllegalArgumentException notBase64) {
      problems.add(KEYS_SETTING + ": key '" + id + "' is not valid base64");
      return;
    }
    if (material.length != KEY_BYTES) {
      problems.add(
          KEYS_SETTING
              + ": key '"
              + id
              + "' is "
              + material.length
              + " bytes; AES-256 needs exactly "
              + KEY_BYTES);
      return;
    }
    keys.put(id, new SecretKeySpec(material, "AES"));
  }

  private static String ids(Map<String, SecretKey> keys) {
    return keys.isEmpty() ? "(none)" : String.join(", ", keys.keySet());
  }

  String activeId() {
    return activeId;
  }

  SecretKey active() {
    return keys.get(activeId);
  }

  /** The key with this id, or null. */
  SecretKey get(String id) {
    return keys.get(id);
  }

  /** Key ids only: this object never prints key material. */
  @Override
  public String toString() {
    return "PayloadKeys" + keys.keySet() + " active=" + activeId;
  }

  /** The settings are unusable; {@link #problems()} lists each, one line per problem. */
  public static final class InvalidKeysException extends IllegalArgumentException {
    private final List<String> problems;

    InvalidKeysException(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }
}
