package dev.switchboard.variables.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeCipherTest {

  private static final String SECRET = "sk-proj-CANARY-4242-do-not-leak";
  private static final Aad ROW_42 = Aad.of("sb_integration", "42", "api_key");

  private final String k1 = MasterKeyRingTest.randomKeyBase64();
  private final String k2 = MasterKeyRingTest.randomKeyBase64();
  private final MasterKeyRing v1Only = MasterKeyRing.parse("v1:" + k1);
  private final MasterKeyRing v1AndV2 = MasterKeyRing.parse("v1:" + k1 + ",v2:" + k2);
  private final EnvelopeCipher cipher = new EnvelopeCipher(v1Only);

  @Test
  void sealedTextOpensToTheSameText() {
    String sealed = cipher.seal(SECRET, ROW_42);

    assertThat(cipher.open(sealed, ROW_42)).isEqualTo(SECRET);
  }

  @Test
  void bytesEmptyUnicodeAndLargeValuesRoundTrip() {
    byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0x80};
    String unicode = "clé-秘密-🔑";
    String large = "x".repeat(100_000);

    assertThat(cipher.openBytes(cipher.seal(binary, ROW_42), ROW_42)).isEqualTo(binary);
    assertThat(cipher.open(cipher.seal("", ROW_42), ROW_42)).isEmpty();
    assertThat(cipher.open(cipher.seal(unicode, ROW_42), ROW_42)).isEqualTo(unicode);
    assertThat(cipher.open(cipher.seal(large, ROW_42), ROW_42)).isEqualTo(large);
  }

  @Test
  void sealingTheSameValueTwiceGivesDifferentTexts() {
    assertThat(cipher.seal(SECRET, ROW_42)).isNotEqualTo(cipher.seal(SECRET, ROW_42));
  }

  @Test
  void sealedFormIsVersionedWithWrappedKeyNonceAndCiphertextPlusTag() {
    String sealed = cipher.seal(SECRET, ROW_42);
    String[] parts = sealed.split(":");
    Base64.Decoder decoder = Base64.getUrlDecoder();

    assertThat(parts).hasSize(5);
    assertThat(parts[0]).isEqualTo("sb1");
    assertThat(parts[1]).isEqualTo("v1");
    assertThat(decoder.decode(parts[2])).hasSize(12 + 32 + 16);
    assertThat(decoder.decode(parts[3])).hasSize(12);
    assertThat(decoder.decode(parts[4])).hasSize(SECRET.length() + 16);
    assertThat(sealed).doesNotContain(SECRET).doesNotContain("CANARY").doesNotContain("=");
    assertThat(EnvelopeCipher.keyVersionOf(sealed)).isEqualTo("v1");
    assertThat(EnvelopeCipher.isSealed(sealed)).isTrue();
    assertThat(EnvelopeCipher.isSealed(SECRET)).isFalse();
  }

  @Test
  void newValuesAreSealedWithTheActiveVersion() {
    EnvelopeCipher rotated = new EnvelopeCipher(v1AndV2);

    assertThat(EnvelopeCipher.keyVersionOf(rotated.seal(SECRET, ROW_42))).isEqualTo("v2");
  }

  @Test
  void flippingAnyBitOfWrappedKeyNonceOrCiphertextFailsTheTagCheck() {
    String sealed = cipher.seal(SECRET, ROW_42);
    for (int part = 2; part <= 4; part++) {
      int length = Base64.getUrlDecoder().decode(sealed.split(":")[part]).length;
      for (int bit : new int[] {0, 7, length * 4, length * 8 - 1}) {
        String tampered = flipBit(sealed, part, bit);

        assertThatThrownBy(() -> cipher.open(tampered, ROW_42))
            .as("part %d bit %d", part, bit)
            .isInstanceOf(SealedValueException.class)
            .hasMessageContaining("tag check")
            .hasMessageContaining("sb_integration.api_key (row 42)")
            .hasMessageContaining("v1");
      }
    }
  }

  @Test
  void changedCharactersInAnyPartAreRefused() {
    String sealed = cipher.seal(SECRET, ROW_42);
    String[] parts = sealed.split(":");
    for (int part = 0; part < parts.length; part++) {
      for (int position = 0; position < parts[part].length(); position++) {
        String tampered = replaceChar(sealed, part, position);

        assertThatThrownBy(() -> cipher.open(tampered, ROW_42))
            .as("part %d position %d", part, position)
            .isInstanceOf(SealedValueException.class);
      }
    }
  }

  @Test
  void truncatedExtendedOrForeignTextsAreMalformed() {
    String sealed = cipher.seal(SECRET, ROW_42);
    List<String> broken =
        List.of(
            sealed.substring(0, sealed.lastIndexOf(':')),
            sealed + ":AAAA",
            sealed.substring(0, sealed.length() - 4),
            sealed.replaceFirst("^sb1:", "sb2:"),
            sealed.replaceFirst("^sb1:v1:", "sb1:version1:"),
            sealed + "=",
            "",
            SECRET);

    for (String text : broken) {
      assertThatThrownBy(() -> cipher.open(text, ROW_42))
          .isInstanceOf(SealedValueException.class)
          .hasMessageContaining("sb_integration.api_key (row 42)")
          .hasMessageNotContaining(SECRET);
    }
  }

  @Test
  void aValueMovedToAnotherRowTableOrColumnFailsToOpen() {
    String sealed = cipher.seal(SECRET, ROW_42);

    for (Aad elsewhere :
        List.of(
            Aad.of("sb_integration", "43", "api_key"),
            Aad.of("sb_other", "42", "api_key"),
            Aad.of("sb_integration", "42", "endpoint_secret"))) {
      assertThatThrownBy(() -> cipher.open(sealed, elsewhere))
          .isInstanceOf(SealedValueException.class)
          .hasMessageContaining("tag check")
          .hasMessageContaining(elsewhere.toString());
    }
  }

  @Test
  void locationPartsCannotBeShiftedIntoEachOther() {
    String sealed = cipher.seal(SECRET, Aad.of("ab", "1", "c"));

    assertThatThrownBy(() -> cipher.open(sealed, Aad.of("a", "b1", "c")))
        .isInstanceOf(SealedValueException.class);
    assertThatThrownBy(() -> cipher.open(sealed, Aad.of("ab", "", "1c")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row id");
  }

  @Test
  void aDifferentMasterKeyUnderTheSameVersionFailsToOpen() {
    String sealed = cipher.seal(SECRET, ROW_42);
    EnvelopeCipher wrongKey =
        new EnvelopeCipher(MasterKeyRing.parse("v1:" + MasterKeyRingTest.randomKeyBase64()));

    assertThatThrownBy(() -> wrongKey.open(sealed, ROW_42))
        .isInstanceOf(SealedValueException.class)
        .hasMessageContaining("data key tag check")
        .hasMessageContaining("different v1 master key");
  }

  @Test
  void relabellingTheKeyVersionFailsToOpen() {
    String sealed = new EnvelopeCipher(v1AndV2).seal(SECRET, ROW_42);
    String relabelled = sealed.replaceFirst("^sb1:v2:", "sb1:v1:");

    assertThatThrownBy(() -> new EnvelopeCipher(v1AndV2).open(relabelled, ROW_42))
        .isInstanceOf(SealedValueException.class)
        .hasMessageContaining("tag check");
  }

  @Test
  void anUnknownKeyVersionIsNamedInTheError() {
    String sealed = new EnvelopeCipher(v1AndV2).seal(SECRET, ROW_42);

    assertThatThrownBy(() -> cipher.open(sealed, ROW_42))
        .isInstanceOf(SealedValueException.class)
        .hasMessageContaining("needs master key version v2")
        .hasMessageContaining("not configured")
        .hasMessageContaining("[v1]");
  }

  @Test
  void errorMessagesNeverContainPlaintextOrKeyMaterial() {
    String sealed = cipher.seal(SECRET, ROW_42);
    List<Throwable> failures = new ArrayList<>();
    failures.add(catchOpen(cipher, flipBit(sealed, 4, 3), ROW_42));
    failures.add(catchOpen(cipher, sealed, Aad.of("sb_integration", "1", "api_key")));
    failures.add(catchOpen(new EnvelopeCipher(MasterKeyRing.parse("v1:" + k2)), sealed, ROW_42));
    failures.add(catchOpen(new EnvelopeCipher(MasterKeyRing.parse("v2:" + k2)), sealed, ROW_42));

    for (Throwable failure : failures) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage()))
            .doesNotContain(SECRET)
            .doesNotContain("CANARY")
            .doesNotContain(k1)
            .doesNotContain(k2)
            .doesNotContain(sealed.split(":")[2]);
      }
    }
  }

  @Test
  void rewrapMovesToTheActiveVersionWithoutReEncryptingTheValue() {
    String sealed = cipher.seal(SECRET, ROW_42);
    EnvelopeCipher rotated = new EnvelopeCipher(v1AndV2);

    String rewrapped = rotated.rewrap(sealed, ROW_42);

    String[] before = sealed.split(":");
    String[] after = rewrapped.split(":");
    assertThat(after[1]).isEqualTo("v2");
    assertThat(after[2]).isNotEqualTo(before[2]);
    assertThat(after[3]).isEqualTo(before[3]);
    assertThat(after[4]).isEqualTo(before[4]);
    assertThat(rotated.open(rewrapped, ROW_42)).isEqualTo(SECRET);
    assertThatThrownBy(() -> cipher.open(rewrapped, ROW_42))
        .isInstanceOf(SealedValueException.class)
        .hasMessageContaining("v2");
  }

  @Test
  void rewrapOfAValueOnTheActiveVersionReturnsItUnchanged() {
    EnvelopeCipher rotated = new EnvelopeCipher(v1AndV2);
    String once = rotated.rewrap(cipher.seal(SECRET, ROW_42), ROW_42);

    assertThat(rotated.rewrap(once, ROW_42)).isEqualTo(once);
    assertThat(rotated.rewrap(rotated.rewrap(once, ROW_42), ROW_42)).isEqualTo(once);
  }

  @Test
  void rewrapRefusesAValueFromAnotherRow() {
    String sealed = cipher.seal(SECRET, ROW_42);
    EnvelopeCipher rotated = new EnvelopeCipher(v1AndV2);

    assertThatThrownBy(() -> rotated.rewrap(sealed, Aad.of("sb_integration", "7", "api_key")))
        .isInstanceOf(SealedValueException.class)
        .hasMessageContaining("row 7");
  }

  @Test
  void rewrapNeedsTheOldVersionInTheRing() {
    String sealed = cipher.seal(SECRET, ROW_42);
    EnvelopeCipher onlyV2 = new EnvelopeCipher(MasterKeyRing.parse("v2:" + k2));

    assertThatThrownBy(() -> onlyV2.rewrap(sealed, ROW_42))
        .isInstanceOf(SealedValueException.class)
        .hasMessageContaining("needs master key version v1");
  }

  @Test
  void nonUtf8BytesDoNotOpenAsText() {
    String sealed = cipher.seal(new byte[] {(byte) 0xc3, (byte) 0x28}, ROW_42);

    assertThatThrownBy(() -> cipher.open(sealed, ROW_42))
        .isInstanceOf(SealedValueException.class)
        .hasMessageContaining("not UTF-8");
    assertThat(cipher.openBytes(sealed, ROW_42)).hasSize(2);
  }

  @Test
  void keyVersionOfRefusesTextsThatAreNotSealed() {
    assertThatThrownBy(() -> EnvelopeCipher.keyVersionOf("plain"))
        .isInstanceOf(SealedValueException.class)
        .hasMessageNotContaining("plain");
    assertThat(EnvelopeCipher.keyVersionOf("sb1:v12:x:y:z")).isEqualTo("v12");
  }

  private static Throwable catchOpen(EnvelopeCipher cipher, String sealed, Aad aad) {
    return catchThrowableOfType(SealedValueException.class, () -> cipher.open(sealed, aad));
  }

  private static String flipBit(String sealed, int part, int bit) {
    String[] parts = sealed.split(":");
    byte[] bytes = Base64.getUrlDecoder().decode(parts[part]);
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    parts[part] = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return String.join(":", parts);
  }

  private static String replaceChar(String sealed, int part, int position) {
    String[] parts = sealed.split(":");
    char[] chars = parts[part].toCharArray();
    chars[position] = chars[position] == 'A' ? 'B' : 'A';
    parts[part] = new String(chars);
    return String.join(":", parts);
  }
}
