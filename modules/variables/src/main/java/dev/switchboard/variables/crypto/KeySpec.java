package dev.switchboard.variables.crypto;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Parses the master key spec ({@code v1:<base64>,v2:<base64>}, commas or new lines, {@code #}
 * comments). Errors say which entry or version is wrong and never repeat what was written there.
 */
final class KeySpec {

  private KeySpec() {}

  /** The keys by version, in the order listed. */
  static Map<String, SecretKey> parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new KeyRingException("The master key spec is empty: expected v1:<base64 of 32 bytes>");
    }
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    int position = 0;
    for (String line : spec.split("\\R")) {
      int comment = line.indexOf('#');
      String content = comment < 0 ? line : line.substring(0, comment);
      for (String entry : content.split(",")) {
        if (!entry.isBlank()) {
          position++;
          addEntry(keys, entry.strip(), position);
        }
      }
    }
    if (keys.isEmpty()) {
      throw new KeyRingException("The master key spec lists no keys (only comments or blanks)");
    }
    return keys;
  }

  private static void addEntry(Map<String, SecretKey> keys, String entry, int position) {
    int colon = entry.indexOf(':');
    if (colon < 0) {
      throw new KeyRingException(
          "Master key entry " + position + " has no version: expected vN:<base64 of 32 bytes>");
    }
    String version = entry.substring(0, colon).strip();
    if (!MasterKeyRing.isVersionId(version)) {
      throw new KeyRingException(
          "Master key entry " + position + " has an invalid version: expected v1, v2, ...");
    }
    if (keys.containsKey(version)) {
      throw new KeyRingException("Master key version " + version + " is listed twice");
    }
    keys.put(version, decodeKey(version, entry.substring(colon + 1).strip()));
  }

  private static SecretKey decodeKey(String version, String base64) {
    byte[] bytes;
    try {
      // accept the URL-safe alphabet too; padding is optional
      bytes = Base64.getDecoder().decode(base64.replace('-', '+').replace('_', '/'));
    } catch (IllegalArgumentException e) {
      throw new KeyRingException("Master key " + version + " is not valid base64");
    }
    if (bytes.length != MasterKeyRing.KEY_BYTES) {
      throw new KeyRingException(
          "Master key "
              + version
              + " must be 32 bytes (256 bits) once decoded, but is "
              + bytes.length
              + " bytes; generate one with: openssl rand -base64 32");
    }
    return new SecretKeySpec(bytes, MasterKeyRing.ALGORITHM);
  }
}
