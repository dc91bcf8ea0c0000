package dev.switchboard.providers.bedrock;

import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * Converse's answer as a {@link ChatResponse}. Bedrock's {@code inputTokens} excludes cache reads
 * and writes (as Anthropic's does): Switchboard's input is their sum, its cached tokens the reads.
 */
final class BedrockResponses {

  private BedrockResponses() {}

  static ChatResponse chat(ConverseResponse response, String modelId) {
    StringBuilder text = new StringBuilder();
    if (response.output() != null && response.output().message() != null) {
      for (ContentBlock block : response.output().message().content()) {
        if (block.text() != null) {
          text.append(block.text());
        }
      }
    }
    return new ChatResponse(
        Message.assistant(text.toString()),
        finish(response.stopReason()),
        modelId,
        response.responseMetadata().requestId(),
        usageOrNone(response.usage()));
  }

  /** The usage, or none when Bedrock sent none (the caller then estimates). */
  static Usage usageOrNone(TokenUsage u) {
    Usage usage = usage(u, UsageSource.REPORTED);
    return usage == null ? Usage.NONE : usage;
  }

  static FinishReason finish(StopReason reason) {
    if (reason == null) {
      return FinishReason.OTHER;
    }
    return switch (reason) {
      case END_TURN, STOP_SEQUENCE -> FinishReason.STOP;
      case MAX_TOKENS, MODEL_CONTEXT_WINDOW_EXCEEDED -> FinishReason.LENGTH;
      case TOOL_USE -> FinishReason.TOOL_CALLS;
      case CONTENT_FILTERED, GUARDRAIL_INTERVENED -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.OTHER;
    };
  }

  static Usage usage(TokenUsage u, UsageSource source) {
    if (u == null) {
      return null;
    }
    long read = n(u.cacheReadInputTokens());
    long write = n(u.cacheWriteInputTokens());
    long input = n(u.inputTokens()) + read + write;
    long output = n(u.outputTokens());
    long total = u.totalTokens() != null ? u.totalTokens() : input + output;
    return new Usage(input, output, read, 0, total, source);
  }

  private static long n(Integer value) {
    return value == null ? 0 : Math.max(0, value);
  }
}
