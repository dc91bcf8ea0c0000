package dev.switchboard.variables.crypto;

import java.util.Base64;

/**
 * The parts of a sealed value and its text form {@code sb1:<version>:<wrapped data
 * key>:<nonce>:<ciphertext and tag>}, each binary part in unpadded URL-safe base64. The wrapped
 * data key is its own nonce (12 bytes) followed by the encrypted data key and tag (48 bytes).
 */
record SealedForm(String version, byte[] wrappedKey, byte[] nonce, byte[] ciphertext) {

  static final String PREFIX = "sb1";
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  static final int WRAPPED_KEY_BYTES = NONCE_BYTES + MasterKeyRing.KEY_BYTES + TAG_BYTES;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  /**
   * Parses the text form; {@code where} only names the location in the error message.
   *
   * @throws SealedValueException if the text is not a well-formed sealed value
   */
  static SealedForm parse(String sealed, Aad where) {
    if (sealed == null) {
      throw malformed(where, "it is null");
    }
    String[] parts = sealed.split(":", -1);
    if (parts.length != 5 || !PREFIX.equals(parts[0])) {
      throw malformed(where, "expected sb1:<version>:<key>:<nonce>:<ciphertext>");
    }
    if (!MasterKeyRing.isVersionId(parts[1])) {
      throw malformed(where, "the key version is not of the form v1, v2, ...");
    }
    byte[] wrappedKey = decode(parts[2], where, "wrapped data key");
    byte[] nonce = decode(parts[3], where, "nonce");
    byte[] ciphertext = decode(parts[4], where, "ciphertext");
    if (wrappedKey.length != WRAPPED_KEY_BYTES) {
      throw malformed(where, "the wrapped data key has the wrong length");
    }
    if (nonce.length != NONCE_BYTES) {
      throw malformed(where, "the nonce has the wrong length");
    }
    if (ciphertext.length < TAG_BYTES) {
      throw malformed(where, "the ciphertext is shorter than its tag");
    }
    return new SealedForm(parts[1], wrappedKey, nonce, ciphertext);
  }

  /** Reads only the key version; cheaper than a full parse and enough for rotation bookkeeping. */
  static String versionOf(String sealed) {
    if (sealed != null && sealed.startsWith(PREFIX + ":")) {
      int end = sealed.indexOf(':', PREFIX.length() + 1);
      if (end > 0) {
        String version = sealed.substring(PREFIX.length() + 1, end);
        if (MasterKeyRing.isVersionId(version)) {
          return version;
        }
      }
    }
    throw new SealedValueException("The value is not a sealed value (no sb1:<version>: prefix)");
  }

  String format() {
    return PREFIX
        + ':'
        + version
        + ':'
        + ENCODER.encodeToString(wrappedKey)
        + ':'
        + ENCODER.encodeToString(nonce)
        + ':'
        + ENCODER.encodeToString(ciphertext);
  }

  SealedForm withWrappedKey(String newVersion, byte[] newWrappedKey) {
    return new SealedForm(newVersion, newWrappedKey, nonce, ciphertext);
  }

  private static byte[] decode(String part, Aad where, String what) {
    byte[] bytes;
    try {
      bytes = DECODER.decode(part);
    } catch (IllegalArgumentException e) {
      throw malformed(where, "the " + what + " is not valid base64");
    }
    // one text per value: a changed character must never decode to the same bytes
    if (!ENCODER.encodeToString(bytes).equals(part)) {
      throw malformed(where, "the " + what + " is not canonical unpadded base64");
    }
    return bytes;
  }

  private static SealedValueException malformed(Aad where, String why) {
    return new SealedValueException("The sealed value of " + where + " is malformed: " + why);
  }
}
