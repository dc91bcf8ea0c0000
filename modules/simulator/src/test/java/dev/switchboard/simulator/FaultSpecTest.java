package dev.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.simulator.wire.FaultSpec;
import org.junit.jupiter.api.Test;

class FaultSpecTest {

  @Test
  void parsesItemsFlagsAndWhitespace() {
    FaultSpec spec = FaultSpec.parse(" status=429 ; retry-after=2;should-retry=false; split-utf8 ");
    assertThat(spec.status()).isEqualTo(429);
    assertThat(spec.number("retry-after", 0)).isEqualTo(2);
    assertThat(spec.text("should-retry", null)).isEqualTo("false");
    assertThat(spec.has("split-utf8")).isTrue();
    assertThat(spec.has("hang")).isFalse();
  }

  @Test
  void blankIsNone() {
    assertThat(FaultSpec.parse(null).isEmpty()).isTrue();
    assertThat(FaultSpec.parse("  ").isEmpty()).isTrue();
  }

  @Test
  void laterSpecsWinWhenMerged() {
    FaultSpec merged = FaultSpec.parse("status=500;latency=10").then(FaultSpec.parse("status=429"));
    assertThat(merged.status()).isEqualTo(429);
    assertThat(merged.number("latency", 0)).isEqualTo(10);
    assertThat(merged.toString()).isEqualTo("status=429;latency=10");
  }

  @Test
  void refusesUnknownKeysAndBadValues() {
    assertThatThrownBy(() -> FaultSpec.parse("explode")).hasMessageContaining("unknown fault");
    assertThatThrownBy(() -> FaultSpec.parse("status=x")).hasMessageContaining("needs a number");
    assertThatThrownBy(() -> FaultSpec.parse("latency=-1")).hasMessageContaining("negative");
    assertThatThrownBy(() -> FaultSpec.parse("hang=1")).hasMessageContaining("takes no value");
    assertThatThrownBy(() -> FaultSpec.parse("code=")).hasMessageContaining("needs a value");
  }
}
