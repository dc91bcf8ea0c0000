package dev.switchboard.variables.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets for storage with AES-256-GCM envelope encryption, and opens them again.
 *
 * <p>Each value is encrypted with its own random 256-bit data key and a random 96-bit nonce; the
 * data key is encrypted ("wrapped") with the active master key version under its own random nonce.
 * The value's location ({@link Aad}) is authenticated by both encryptions, so a sealed value that
 * is copied to another row or column fails to open. The text form is {@code sb1:<version>:<wrapped
 * data key>:<nonce>:<ciphertext and tag>}, binary parts in unpadded URL-safe base64.
 *
 * <p>Every failure to open or rewrap is a {@link SealedValueException} whose message names the
 * location and key version, never plaintext or key material. Instances are thread-safe.
 */
public final class EnvelopeCipher {

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int TAG_BITS = SealedForm.TAG_BYTES * 8;
  private static final String VALUE_PURPOSE = "sb1/value";
  private static final String KEY_PURPOSE = "sb1/data-key";

  private final MasterKeyRing keyRing;
  private final SecureRandom random = new SecureRandom();

  /**
   * A cipher that seals with the ring's active version and opens any version in the ring.
   *
   * @param keyRing the master keys
   */
  public EnvelopeCipher(MasterKeyRing keyRing) {
    this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
  }

  /**
   * The master keys this cipher uses.
   *
   * @return the key ring
   */
  public MasterKeyRing keyRing() {
    return keyRing;
  }

  /**
   * Seals a value for the given location under the active master key version.
   *
   * @param plaintext the secret
   * @param aad where the sealed value will be stored
   * @return the sealed text form
   */
  public String seal(byte[] plaintext, Aad aad) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(aad, "aad");
    byte[] dataKey = randomBytes(MasterKeyRing.KEY_BYTES);
    try {
      byte[] nonce = randomBytes(SealedForm.NONCE_BYTES);
      byte[] ciphertext =
          gcm(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), nonce, valueAad(aad))
              .doFinal(plaintext);
      String version = keyRing.activeVersion();
      byte[] wrapped = wrap(dataKey, version, aad);
      return new SealedForm(version, wrapped, nonce, ciphertext).format();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /**
   * Seals a text value (UTF-8) for the given location under the active master key version.
   *
   * @param plaintext the secret
   * @param aad where the sealed value will be stored
   * @return the sealed text form
   */
  public String seal(String plaintext, Aad aad) {
    Objects.requireNonNull(plaintext, "plaintext");
    return seal(plaintext.getBytes(StandardCharsets.UTF_8), aad);
  }

  /**
   * Opens a sealed value as bytes.
   *
   * @param sealed the sealed text form
   * @param aad the location it was read from
   * @return the secret
   * @throws SealedValueException if it is malformed, altered, from another location, or needs a
   *     master key version this ring lacks
   */
  public byte[] openBytes(String sealed, Aad aad) {
    Objects.requireNonNull(aad, "aad");
    SealedForm form = SealedForm.parse(sealed, aad);
    byte[] dataKey = unwrap(form, aad);
    try {
      return gcm(
              Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), form.nonce(), valueAad(aad))
          .doFinal(form.ciphertext());
    } catch (AEADBadTagException e) {
      throw notAuthentic(aad, form.version(), "value", e);
    } catch (GeneralSecurityException e) {
      throw new SealedValueException("The sealed value of " + aad + " cannot be decrypted", e);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /**
   * Opens a sealed text value (UTF-8).
   *
   * @param sealed the sealed text form
   * @param aad the location it was read from
   * @return the secret
   * @throws SealedValueException if it cannot be opened or is not UTF-8 text
   */
  public String open(String sealed, Aad aad) {
    byte[] bytes = openBytes(sealed, aad);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SealedValueException("The sealed value of " + aad + " is not UTF-8 text");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Re-wraps a sealed value's data key under the active master key version, leaving the encrypted
   * value itself untouched. A value already on the active version is returned unchanged, so this is
   * idempotent.
   *
   * @param sealed the sealed text form
   * @param aad the location it was read from (it is re-bound to the same location)
   * @return the sealed text form on the active version
   * @throws SealedValueException if the data key cannot be unwrapped
   */
  public String rewrap(String sealed, Aad aad) {
    Objects.requireNonNull(aad, "aad");
    SealedForm form = SealedForm.parse(sealed, aad);
    String active = keyRing.activeVersion();
    if (form.version().equals(active)) {
      return sealed;
    }
    byte[] dataKey = unwrap(form, aad);
    try {
      return form.withWrappedKey(active, wrap(dataKey, active, aad)).format();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /**
   * The master key version a sealed value's data key is wrapped with.
   *
   * @param sealed the sealed text form
   * @return the version, for example {@code v1}
   * @throws SealedValueException if the text does not start like a sealed value
   */
  public static String keyVersionOf(String sealed) {
    return SealedForm.versionOf(sealed);
  }

  /**
   * Whether a stored text starts like a sealed value ({@code sb1:<version>:}); it says nothing
   * about whether it opens.
   *
   * @param value a stored text
   * @return true if it looks sealed
   */
  public static boolean isSealed(String value) {
    try {
      SealedForm.versionOf(value);
      return true;
    } catch (SealedValueException e) {
      return false;
    }
  }

  private byte[] wrap(byte[] dataKey, String version, Aad aad) throws GeneralSecurityException {
    SecretKey master =
        keyRing
            .key(version)
            .orElseThrow(() -> new IllegalStateException("No master key " + version));
    byte[] nonce = randomBytes(SealedForm.NONCE_BYTES);
    byte[] encrypted =
        gcm(Cipher.ENCRYPT_MODE, master, nonce, aad.encode(KEY_PURPOSE, version)).doFinal(dataKey);
    byte[] wrapped = Arrays.copyOf(nonce, SealedForm.WRAPPED_KEY_BYTES);
    System.arraycopy(encrypted, 0, wrapped, nonce.length, encrypted.length);
    return wrapped;
  }

  private byte[] unwrap(SealedForm form, Aad aad) {
    SecretKey master =
        keyRing
            .key(form.version())
            .orElseThrow(
                () ->
                    new SealedValueException(
                        "The sealed value of "
                            + aad
                            + " needs master key version "
                            + form.version()
                            + ", which is not configured (configured: "
                            + keyRing.versions()
                            + ")"));
    byte[] wrapped = form.wrappedKey();
    byte[] nonce = Arrays.copyOf(wrapped, SealedForm.NONCE_BYTES);
    try {
      return gcm(Cipher.DECRYPT_MODE, master, nonce, aad.encode(KEY_PURPOSE, form.version()))
          .doFinal(wrapped, SealedForm.NONCE_BYTES, wrapped.length - SealedForm.NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw notAuthentic(aad, form.version(), "data key", e);
    } catch (GeneralSecurityException e) {
      throw new SealedValueException("The data key of " + aad + " cannot be unwrapped", e);
    }
  }

  private static Cipher gcm(int mode, SecretKey key, byte[] nonce, byte[] aad)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(aad);
    return cipher;
  }

  private static byte[] valueAad(Aad aad) {
    // no key version here: a rewrap changes the version without touching the value
    return aad.encode(VALUE_PURPOSE, "");
  }

  private static SealedValueException notAuthentic(
      Aad aad, String version, String part, AEADBadTagException cause) {
    return new SealedValueException(
        "The sealed value of "
            + aad
            + " failed the "
            + part
            + " tag check under key "
            + version
            + ": it was altered, belongs to another row or column, or was sealed with a"
            + " different "
            + version
            + " master key",
        cause);
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
