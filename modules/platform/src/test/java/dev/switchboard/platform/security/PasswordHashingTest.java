package dev.switchboard.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashingTest {

  private final PasswordHashing hashing = new PasswordHashing(1_000);

  @Test
  void theRightPasswordVerifiesAndAWrongOneDoesNot() {
    String stored = hashing.hash("correct horse".toCharArray());

    assertThat(hashing.verify("correct horse".toCharArray(), stored)).isTrue();
    assertThat(hashing.verify("correct hors".toCharArray(), stored)).isFalse();
  }

  @Test
  void theStoredHashNamesItsSchemeAndNeverContainsThePassword() {
    String stored = hashing.hash("s3cret-canary".toCharArray());

    assertThat(stored).startsWith("pbkdf2-sha256$1000$").doesNotContain("s3cret-canary");
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTime() {
    assertThat(hashing.hash("pw".toCharArray())).isNotEqualTo(hashing.hash("pw".toCharArray()));
  }

  @Test
  void aMalformedStoredHashNeverVerifies() {
    assertThat(hashing.verify("pw".toCharArray(), null)).isFalse();
    assertThat(hashing.verify("pw".toCharArray(), "plain-text")).isFalse();
    assertThat(hashing.verify("pw".toCharArray(), "pbkdf2-sha256$x$y$z")).isFalse();
    assertThat(hashing.verify("pw".toCharArray(), "md5$1$AAAA$AAAA")).isFalse();
  }

  @Test
  void generatedPasswordsHaveTheAskedLengthAndDiffer() {
    String a = PasswordHashing.randomPassword(20);
    assertThat(a).hasSize(20).matches("[A-Za-z2-9]+");
    assertThat(PasswordHashing.randomPassword(20)).isNotEqualTo(a);
  }
}
