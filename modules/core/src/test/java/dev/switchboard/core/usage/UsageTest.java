package dev.switchboard.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.embedding.Embedding;
import org.junit.jupiter.api.Test;

class UsageTest {

  @Test
  void ofComputesTheTotal() {
    assertThat(Usage.of(10, 5, UsageSource.REPORTED).totalTokens()).isEqualTo(15);
  }

  @Test
  void withSourceKeepsTheNumbers() {
    Usage partial = Usage.of(10, 3, UsageSource.REPORTED).withSource(UsageSource.INCOMPLETE);
    assertThat(partial.inputTokens()).isEqualTo(10);
    assertThat(partial.source()).isEqualTo(UsageSource.INCOMPLETE);
    assertThat(partial.fromProvider()).isFalse();
  }

  @Test
  void negativeCountsAreRejected() {
    assertThatThrownBy(() -> Usage.of(-1, 0, UsageSource.REPORTED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void embeddingIsImmutableAndComparesByValue() {
    float[] values = {1f, 2f};
    Embedding e = new Embedding(0, values);
    values[0] = 9f;
    e.vector()[1] = 9f;
    assertThat(e.vector()).containsExactly(1f, 2f);
    assertThat(e).isEqualTo(new Embedding(0, new float[] {1f, 2f}));
  }
}
