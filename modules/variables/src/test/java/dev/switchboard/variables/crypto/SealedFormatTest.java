package dev.switchboard.variables.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Builds sealed values by hand with plain JCA, following the documented format, so the format is
 * pinned independently of {@link EnvelopeCipher}'s own code.
 */
class SealedFormatTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final byte[] masterKey = random(32);
  private final EnvelopeCipher cipher =
      new EnvelopeCipher(
          MasterKeyRing.parse("v3:" + Base64.getEncoder().encodeToString(masterKey)));

  @Test
  void aValueSealedByHandFollowingTheFormatOpens() throws Exception {
    Aad aad = Aad.of("sb_integration", "42", "api_key");

    String sealed = sealByHand("hand-made secret", aad, aad);

    assertThat(cipher.open(sealed, aad)).isEqualTo("hand-made secret");
  }

  @Test
  void theValueEncryptionBindsTheLocationOnItsOwn() throws Exception {
    Aad original = Aad.of("sb_integration", "42", "api_key");
    Aad target = Aad.of("sb_integration", "43", "api_key");
    // the data key is wrapped for the target row, but the value was encrypted for the original
    String sealed = sealByHand("moved secret", original, target);

    assertThatThrownBy(() -> cipher.open(sealed, target))
        .isInstanceOf(SealedValueException.class)
        .hasMessageContaining("value tag check")
        .hasMessageNotContaining("moved secret");
  }

  private String sealByHand(String plaintext, Aad valueAad, Aad keyAad) throws Exception {
    byte[] dataKey = random(32);
    byte[] nonce = random(12);
    byte[] ciphertext =
        gcm(dataKey, nonce, valueAad.encode("sb1/value", ""))
            .doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
    byte[] wrapNonce = random(12);
    byte[] wrappedKey =
        gcm(masterKey, wrapNonce, keyAad.encode("sb1/data-key", "v3")).doFinal(dataKey);
    byte[] wrapped = new byte[60];
    System.arraycopy(wrapNonce, 0, wrapped, 0, 12);
    System.arraycopy(wrappedKey, 0, wrapped, 12, 48);
    return String.join(
        ":",
        "sb1",
        "v3",
        B64.encodeToString(wrapped),
        B64.encodeToString(nonce),
        B64.encodeToString(ciphertext));
  }

  private static Cipher gcm(byte[] key, byte[] nonce, byte[] aad) throws Exception {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    cipher.updateAAD(aad);
    return cipher;
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
