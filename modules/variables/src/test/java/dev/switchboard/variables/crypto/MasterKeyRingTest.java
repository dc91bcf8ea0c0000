package dev.switchboard.variables.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyRingTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  static String randomKeyBase64() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  @Test
  void lastListedVersionIsActiveByDefault() {
    MasterKeyRing ring =
        MasterKeyRing.parse("v1:" + randomKeyBase64() + ",v2:" + randomKeyBase64());

    assertThat(ring.versions()).containsExactly("v1", "v2");
    assertThat(ring.activeVersion()).isEqualTo("v2");
    assertThat(ring.contains("v1")).isTrue();
    assertThat(ring.contains("v3")).isFalse();
  }

  @Test
  void explicitActiveVersionWins() {
    MasterKeyRing ring =
        MasterKeyRing.parse("v1:" + randomKeyBase64() + ", v2:" + randomKeyBase64(), "v1");

    assertThat(ring.activeVersion()).isEqualTo("v1");
  }

  @Test
  void activeVersionThatIsNotConfiguredIsRefused() {
    String spec = "v1:" + randomKeyBase64();

    assertThatThrownBy(() -> MasterKeyRing.parse(spec, "v7"))
        .isInstanceOf(KeyRingException.class)
        .hasMessageContaining("v7")
        .hasMessageContaining("[v1]");
  }

  @Test
  void keyOfWrongLengthIsRefusedWithoutEchoingIt() {
    byte[] shortKey = new byte[16];
    RANDOM.nextBytes(shortKey);
    String encoded = Base64.getEncoder().encodeToString(shortKey);

    assertThatThrownBy(() -> MasterKeyRing.parse("v1:" + encoded))
        .isInstanceOf(KeyRingException.class)
        .hasMessageContaining("v1")
        .hasMessageContaining("32 bytes")
        .hasMessageContaining("16 bytes")
        .hasMessageNotContaining(encoded);
  }

  @Test
  void keyThatIsNotBase64IsRefusedWithoutEchoingIt() {
    String notBase64 = "this*is*not*base64*at*all*sorry!";

    assertThatThrownBy(() -> MasterKeyRing.parse("v1:" + notBase64))
        .isInstanceOf(KeyRingException.class)
        .hasMessageContaining("v1 is not valid base64")
        .hasMessageNotContaining(notBase64);
  }

  @Test
  void entryWithoutVersionIsRefusedWithoutEchoingIt() {
    String bare = randomKeyBase64();

    assertThatThrownBy(() -> MasterKeyRing.parse(bare))
        .isInstanceOf(KeyRingException.class)
        .hasMessageContaining("entry 1 has no version")
        .hasMessageNotContaining(bare);
  }

  @Test
  void malformedVersionIsRefusedWithoutEchoingTheEntry() {
    String key = randomKeyBase64();

    assertThatThrownBy(() -> MasterKeyRing.parse("v1:" + randomKeyBase64() + ",key2:" + key))
        .isInstanceOf(KeyRingException.class)
        .hasMessageContaining("entry 2 has an invalid version")
        .hasMessageNotContaining(key)
        .hasMessageNotContaining("key2");
  }

  @Test
  void duplicateVersionIsRefused() {
    assertThatThrownBy(
            () -> MasterKeyRing.parse("v1:" + randomKeyBase64() + ",v1:" + randomKeyBase64()))
        .isInstanceOf(KeyRingException.class)
        .hasMessageContaining("v1 is listed twice");
  }

  @Test
  void emptySpecIsRefused() {
    assertThatThrownBy(() -> MasterKeyRing.parse("  "))
        .isInstanceOf(KeyRingException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> MasterKeyRing.parse("# only a comment\n"))
        .isInstanceOf(KeyRingException.class)
        .hasMessageContaining("no keys");
  }

  @Test
  void urlSafeAndUnpaddedBase64AreAccepted() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(key);

    assertThat(MasterKeyRing.parse("v3:" + urlSafe).activeVersion()).isEqualTo("v3");
  }

  @Test
  void toStringNamesVersionsButNeverKeys() {
    String k1 = randomKeyBase64();
    String k2 = randomKeyBase64();
    MasterKeyRing ring = MasterKeyRing.parse("v1:" + k1 + ",v2:" + k2);

    assertThat(ring.toString())
        .contains("v1", "v2", "active=v2")
        .doesNotContain(k1)
        .doesNotContain(k2)
        .doesNotContain(k1.substring(0, 8));
  }

  @Test
  void keyFileAllowsCommentsAndOneEntryPerLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("master.keys");
    Files.writeString(
        file,
        "# Switchboard master keys\n"
            + "v1:"
            + randomKeyBase64()
            + "   # retired after rotation\n"
            + "\n"
            + "v2:"
            + randomKeyBase64()
            + "\n");

    MasterKeyRing ring = MasterKeyRing.fromFile(file);

    assertThat(ring.versions()).containsExactly("v1", "v2");
    assertThat(ring.activeVersion()).isEqualTo("v2");
  }

  @Test
  void missingKeyFileIsNamed(@TempDir Path dir) {
    Path file = dir.resolve("absent.keys");

    assertThatThrownBy(() -> MasterKeyRing.fromFile(file))
        .isInstanceOf(KeyRingException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void malformedKeyFileErrorNamesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.keys");
    Files.writeString(file, "v1:abc\n");

    assertThatThrownBy(() -> MasterKeyRing.fromFile(file))
        .isInstanceOf(KeyRingException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("32 bytes");
  }

  @Test
  void generatedFileIsOwnerOnlyAndReadsBackToTheSameKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys/master.keys");

    MasterKeyRing generated = MasterKeyRing.generateFile(file);
    MasterKeyRing read = MasterKeyRing.fromFile(file);

    assertThat(generated.versions()).containsExactly("v1");
    assertThat(read.versions()).containsExactly("v1");
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    Aad aad = Aad.of("t", "1", "c");
    String sealed = new EnvelopeCipher(generated).seal("secret", aad);
    assertThat(new EnvelopeCipher(read).open(sealed, aad)).isEqualTo("secret");
  }

  @Test
  void generateFileNeverOverwritesAnExistingFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("master.keys");
    Files.writeString(file, "keep me");

    assertThatThrownBy(() -> MasterKeyRing.generateFile(file))
        .isInstanceOf(KeyRingException.class)
        .hasMessageContaining("already exists");
    assertThat(Files.readString(file)).isEqualTo("keep me");
  }

  @Test
  void twoGeneratedKeysDiffer() {
    Aad aad = Aad.of("t", "1", "c");
    String sealed = new EnvelopeCipher(MasterKeyRing.generate()).seal("x", aad);
    EnvelopeCipher other = new EnvelopeCipher(MasterKeyRing.generate());

    assertThatThrownBy(() -> other.open(sealed, aad)).isInstanceOf(SealedValueException.class);
  }

  @Test
  void withNewVersionAppendsTheNextVersionAsActiveAndKeepsTheOld(@TempDir Path dir) {
    MasterKeyRing v1 = MasterKeyRing.generate();
    MasterKeyRing v2 = v1.withNewVersion();
    MasterKeyRing v3 = v2.withNewVersion();

    assertThat(v1.versions()).containsExactly("v1");
    assertThat(v2.versions()).containsExactly("v1", "v2");
    assertThat(v3.versions()).containsExactly("v1", "v2", "v3");
    assertThat(v3.activeVersion()).isEqualTo("v3");

    Aad aad = Aad.of("t", "1", "c");
    String sealedUnderV1 = new EnvelopeCipher(v1).seal("old", aad);
    assertThat(new EnvelopeCipher(v3).open(sealedUnderV1, aad)).isEqualTo("old");

    Path file = dir.resolve("rotated.keys");
    v3.writeNewFile(file);
    MasterKeyRing reread = MasterKeyRing.fromFile(file);
    assertThat(reread.versions()).containsExactly("v1", "v2", "v3");
    assertThat(new EnvelopeCipher(reread).open(sealedUnderV1, aad)).isEqualTo("old");
  }

  @Test
  void nextVersionFollowsTheHighestNumberNotTheLastListed() {
    MasterKeyRing ring =
        MasterKeyRing.parse("v9:" + randomKeyBase64() + ",v2:" + randomKeyBase64());

    assertThat(ring.withNewVersion().activeVersion()).isEqualTo("v10");
  }

  @Test
  void retiringAVersionKeepsTheOthersButNeverTheActiveOne() {
    MasterKeyRing ring = MasterKeyRing.generate().withNewVersion();

    assertThat(ring.withoutVersion("v1").versions()).containsExactly("v2");
    assertThat(ring.withoutVersion("v1").activeVersion()).isEqualTo("v2");
    assertThatThrownBy(() -> ring.withoutVersion("v2"))
        .isInstanceOf(KeyRingException.class)
        .hasMessageContaining("active");
    assertThatThrownBy(() -> ring.withoutVersion("v5"))
        .isInstanceOf(KeyRingException.class)
        .hasMessageContaining("not configured");
  }
}
