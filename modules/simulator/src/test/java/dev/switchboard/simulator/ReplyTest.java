package dev.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.simulator.wire.Reply;
import org.junit.jupiter.api.Test;

class ReplyTest {

  @Test
  void tokensCycleThroughTheEightWords() {
    assertThat(Reply.text(8)).isEqualTo("Hello from the Switchboard simulator héllo 🌍 done ");
    assertThat(Reply.token(8)).isEqualTo("Hello ");
    assertThat(Reply.text(0)).isEmpty();
  }

  @Test
  void inputTokensAreWordsPlusThreePerMessage() throws Exception {
    var messages =
        new ObjectMapper()
            .readTree(
                "[{\"role\":\"system\",\"content\":\"be  terse\"},"
                    + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a b c\"}]}]");
    assertThat(Reply.inputTokens(messages)).isEqualTo(2 + 3 + 3 + 3);
  }

  @Test
  void jsonModeWrapsTheReply() throws Exception {
    String json = Reply.content(3, true);
    assertThat(new ObjectMapper().readTree(json).get("reply").asText())
        .isEqualTo("Hello from the ");
  }

  @Test
  void modelRules() {
    assertThat(Reply.isMissing("missing-gpt")).isTrue();
    assertThat(Reply.isMissing("gpt-4o")).isFalse();
    assertThat(Reply.contextLimit("gpt-4o-tiny")).isEqualTo(50);
    assertThat(Reply.contextLimit("gpt-4o")).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void embeddingsAreDeterministic() {
    assertThat(Reply.embedding("x", 8)).containsExactly(Reply.embedding("x", 8));
    for (float v : Reply.embedding("some text", 16)) {
      assertThat(v).isBetween(-1f, 1f);
    }
  }
}
