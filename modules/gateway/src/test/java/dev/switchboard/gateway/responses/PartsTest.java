package dev.switchboard.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartsTest {

  @Test
  void aShortTextIsOnePart() {
    assertThat(Parts.split("hello")).containsExactly("hello");
  }

  @Test
  void partsStayUnderTheByteLimitNeverSplitACharacterAndJoinToTheText() {
    String text = "aé🌍".repeat(5_000) + "tail";

    List<String> parts = Parts.split(text, 1_001);

    assertThat(parts).hasSizeGreaterThan(30);
    assertThat(String.join("", parts)).isEqualTo(text);
    for (String p : parts) {
      assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1_001);
      assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse();
    }
  }
}
