package dev.switchboard.variables.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void longSecretsShowOnlyTheirLastFourCharacters() {
    assertThat(Secrets.mask("sk-proj-1234567890abcd")).isEqualTo("••••abcd");
    assertThat(Secrets.mask("123456789")).isEqualTo("••••6789");
  }

  @Test
  void secretsOfEightCharactersOrFewerAreFullyMasked() {
    assertThat(Secrets.mask("12345678")).isEqualTo("••••••••");
    assertThat(Secrets.mask("abc")).isEqualTo("••••••••");
    assertThat(Secrets.mask("x")).doesNotContain("x");
  }

  @Test
  void maskLengthDoesNotRevealSecretLength() {
    assertThat(Secrets.mask("a".repeat(9))).hasSameSizeAs(Secrets.mask("a".repeat(500)));
    assertThat(Secrets.mask("ab")).hasSameSizeAs(Secrets.mask("abcdefgh"));
  }

  @Test
  void surrogatePairsAreNeverSplit() {
    assertThat(Secrets.mask("secret-key-🔑🔑🔑🔑")).isEqualTo("••••🔑🔑🔑🔑");
  }

  @Test
  void nullAndEmptyGiveEmptyText() {
    assertThat(Secrets.mask(null)).isEmpty();
    assertThat(Secrets.mask("")).isEmpty();
  }
}
