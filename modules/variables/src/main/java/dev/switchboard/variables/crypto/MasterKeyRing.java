package dev.switchboard.variables.crypto;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Versioned 256-bit AES master keys, one of them active for new writes. The others stay to open and
 * rewrap values sealed before a rotation, until no row uses them.
 *
 * <p>The spec format, the same in {@code SWITCHBOARD_MASTER_KEY} and in a key file, is a list of
 * {@code version:base64-key} entries separated by commas or new lines, for example {@code
 * v1:<base64 of 32 bytes>,v2:<base64 of 32 bytes>}. Versions are {@code v} and a positive number.
 * In a file, {@code #} starts a comment that runs to the end of the line. Unless an active version
 * is named, the last listed version is active.
 *
 * <p>Instances are immutable. {@link #toString()} names the versions, never the keys, and no error
 * message repeats key material.
 */
public final class MasterKeyRing {

  static final int KEY_BYTES = 32;
  static final String ALGORITHM = "AES";
  private static final Pattern VERSION = Pattern.compile("v[1-9][0-9]{0,8}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, SecretKey> keys;
  private final String activeVersion;

  private MasterKeyRing(Map<String, SecretKey> keys, String activeVersion) {
    this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    this.activeVersion = activeVersion;
  }

  /**
   * Parses a spec; the last listed version is active.
   *
   * @param spec entries {@code vN:<base64 key>} separated by commas or new lines
   * @return the key ring
   * @throws KeyRingException if the spec is empty or any entry is malformed
   */
  public static MasterKeyRing parse(String spec) {
    return parse(spec, null);
  }

  /**
   * Parses a spec with an explicit active version.
   *
   * @param spec entries {@code vN:<base64 key>} separated by commas or new lines
   * @param activeVersion the version new writes use; {@code null} or blank for the last listed
   * @return the key ring
   * @throws KeyRingException if the spec is malformed or the active version is not in it
   */
  public static MasterKeyRing parse(String spec, String activeVersion) {
    Map<String, SecretKey> keys = KeySpec.parse(spec);
    return new MasterKeyRing(keys, chooseActive(keys, activeVersion));
  }

  /**
   * Reads a key file in the spec format; the last listed version is active.
   *
   * @param file the key file
   * @return the key ring
   * @throws KeyRingException if the file cannot be read or its content is malformed
   */
  public static MasterKeyRing fromFile(Path file) {
    return fromFile(file, null);
  }

  /**
   * Reads a key file in the spec format with an explicit active version.
   *
   * @param file the key file
   * @param activeVersion the version new writes use; {@code null} or blank for the last listed
   * @return the key ring
   * @throws KeyRingException if the file cannot be read or its content is malformed
   */
  public static MasterKeyRing fromFile(Path file, String activeVersion) {
    String spec = KeyFile.read(file);
    try {
      return parse(spec, activeVersion);
    } catch (KeyRingException e) {
      throw new KeyRingException("Master key file " + file + ": " + e.getMessage());
    }
  }

  /**
   * A new ring with one freshly generated key, {@code v1}.
   *
   * @return the key ring
   */
  public static MasterKeyRing generate() {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    keys.put("v1", randomKey());
    return new MasterKeyRing(keys, "v1");
  }

  /**
   * Creates a new key file holding a freshly generated {@code v1} key, readable and writable by its
   * owner only where the file system supports POSIX permissions. This is the embedded evaluation
   * default: a key stored next to the data it protects protects little, so callers should warn that
   * it is for evaluation only.
   *
   * @param file the file to create; it must not exist
   * @return the generated key ring
   * @throws KeyRingException if the file exists or cannot be written
   */
  public static MasterKeyRing generateFile(Path file) {
    MasterKeyRing ring = generate();
    ring.writeNewFile(file);
    return ring;
  }

  /**
   * Writes this ring in the spec format to a new file, owner-only where POSIX permissions are
   * supported; for example to keep a ring made by {@link #withNewVersion()}.
   *
   * @param file the file to create; it must not exist
   * @throws KeyRingException if the file exists or cannot be written
   */
  public void writeNewFile(Path file) {
    StringBuilder text = new StringBuilder();
    text.append("# Switchboard master keys. Keep secret; never commit. Active: ")
        .append(activeVersion)
        .append('\n');
    Base64.Encoder encoder = Base64.getEncoder();
    keys.forEach(
        (version, key) ->
            text.append(version)
                .append(':')
                .append(encoder.encodeToString(key.getEncoded()))
                .append('\n'));
    KeyFile.createOwnerOnly(file, text.toString());
  }

  /**
   * A new ring with every key of this one plus a freshly generated next version ({@code v3} after
   * {@code v1,v2}), which becomes active: the first step of a rotation.
   *
   * @return the extended ring; this one is unchanged
   */
  public MasterKeyRing withNewVersion() {
    int highest = 0;
    for (String version : keys.keySet()) {
      highest = Math.max(highest, Integer.parseInt(version.substring(1)));
    }
    String next = "v" + (highest + 1);
    Map<String, SecretKey> extended = new LinkedHashMap<>(keys);
    extended.put(next, randomKey());
    return new MasterKeyRing(extended, next);
  }

  /**
   * A new ring without one version: the last step of a rotation, once no row uses it.
   *
   * @param version the version to drop
   * @return the smaller ring; this one is unchanged
   * @throws KeyRingException if the version is the active one or not configured
   */
  public MasterKeyRing withoutVersion(String version) {
    if (version.equals(activeVersion)) {
      throw new KeyRingException("Master key " + version + " is active and cannot be removed");
    }
    if (!keys.containsKey(version)) {
      throw new KeyRingException("Master key " + version + " is not configured");
    }
    Map<String, SecretKey> fewer = new LinkedHashMap<>(keys);
    fewer.remove(version);
    return new MasterKeyRing(fewer, activeVersion);
  }

  /**
   * The version new values are sealed and rewrapped with.
   *
   * @return the active version, for example {@code v2}
   */
  public String activeVersion() {
    return activeVersion;
  }

  /**
   * The configured versions in the order listed.
   *
   * @return the versions, for example {@code [v1, v2]}
   */
  public List<String> versions() {
    return List.copyOf(keys.keySet());
  }

  /**
   * Whether a version is configured.
   *
   * @param version a version id
   * @return true if this ring has a key for it
   */
  public boolean contains(String version) {
    return keys.containsKey(version);
  }

  /**
   * Whether a text is a well-formed version id ({@code v} and a positive number).
   *
   * @param version the text
   * @return true if well formed
   */
  public static boolean isVersionId(String version) {
    return version != null && VERSION.matcher(version).matches();
  }

  Optional<SecretKey> key(String version) {
    return Optional.ofNullable(keys.get(version));
  }

  SecretKey activeKey() {
    return keys.get(activeVersion);
  }

  /** Names the versions and the active one; never shows a key. */
  @Override
  public String toString() {
    return "MasterKeyRing[versions=" + versions() + ", active=" + activeVersion + "]";
  }

  private static String chooseActive(Map<String, SecretKey> keys, String requested) {
    if (requested == null || requested.isBlank()) {
      return new ArrayList<>(keys.keySet()).get(keys.size() - 1);
    }
    String version = requested.strip();
    if (!keys.containsKey(version)) {
      throw new KeyRingException(
          "The active master key version "
              + (isVersionId(version) ? version : "(malformed)")
              + " is not among the configured versions "
              + keys.keySet());
    }
    return version;
  }

  private static SecretKey randomKey() {
    byte[] bytes = new byte[KEY_BYTES];
    RANDOM.nextBytes(bytes);
    return new SecretKeySpec(bytes, ALGORITHM);
  }
}
