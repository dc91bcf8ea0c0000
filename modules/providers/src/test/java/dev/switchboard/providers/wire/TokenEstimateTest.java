package dev.switchboard.providers.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.embedding.Embedding;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenEstimateTest {

  private final ChatRequest request =
      ChatRequest.builder("m").user("a prompt of some forty characters long..").build();

  @Test
  void replyWithoutReportedUsageIsEstimatedNotFree() {
    ChatResponse unreported = response(Usage.NONE);

    Usage usage = TokenEstimate.orEstimate(unreported, request).usage();

    assertThat(usage.source()).isEqualTo(UsageSource.ESTIMATED);
    assertThat(usage.inputTokens()).isEqualTo(11);
    assertThat(usage.outputTokens()).isEqualTo(5);
  }

  @Test
  void reportedUsageIsKept() {
    Usage reported = Usage.of(3, 4, UsageSource.REPORTED);
    assertThat(TokenEstimate.orEstimate(response(reported), request).usage()).isEqualTo(reported);
  }

  @Test
  void embeddingsWithoutReportedUsageAreEstimated() {
    EmbeddingResponse unreported =
        new EmbeddingResponse(List.of(new Embedding(0, new float[] {1f})), "e", Usage.NONE);

    Usage usage =
        TokenEstimate.orEstimate(unreported, EmbeddingRequest.of("e", "12345678")).usage();

    assertThat(usage.source()).isEqualTo(UsageSource.ESTIMATED);
    assertThat(usage.inputTokens()).isEqualTo(2);
  }

  @Test
  void emptyTallyIsNoneNotAMappedZero() {
    assertThat(new UsageTally().toUsage(UsageSource.REPORTED)).isEqualTo(Usage.NONE);
  }

  private static ChatResponse response(Usage usage) {
    return new ChatResponse(
        Message.assistant("twenty characters.."), FinishReason.STOP, "m", null, usage);
  }
}
