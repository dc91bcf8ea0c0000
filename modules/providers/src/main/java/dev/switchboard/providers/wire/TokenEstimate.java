package dev.switchboard.providers.wire;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;

/**
 * A rough token count (four characters a token, the common rule of thumb for English with BPE
 * tokenizers) for when a provider reported none: better an estimate marked ESTIMATED in the ledger
 * than a call billed as free.
 */
public final class TokenEstimate {

  private TokenEstimate() {}

  public static long ofChars(long chars) {
    return (chars + 3) / 4;
  }

  public static long ofRequest(ChatRequest request) {
    long chars = 0;
    for (Message m : request.messages()) {
      chars += m.text().length() + 4;
      for (var call : m.toolCalls()) {
        chars += call.name().length() + call.argumentsJson().length();
      }
    }
    for (var tool : request.tools()) {
      chars += tool.name().length() + tool.parametersSchema().length();
    }
    return ofChars(chars);
  }

  /** The response as is when the provider reported usage, else with an estimated usage. */
  public static ChatResponse orEstimate(ChatResponse response, ChatRequest request) {
    if (response.usage().fromProvider()) {
      return response;
    }
    long outputChars = response.text().length();
    for (ToolCall call : response.toolCalls()) {
      outputChars += call.name().length() + call.argumentsJson().length();
    }
    Usage estimate = Usage.of(ofRequest(request), ofChars(outputChars), UsageSource.ESTIMATED);
    return new ChatResponse(
        response.message(),
        response.finishReason(),
        response.servedModel(),
        response.providerRequestId(),
        estimate);
  }

  /** The response as is when the provider reported usage, else with an estimated input count. */
  public static EmbeddingResponse orEstimate(EmbeddingResponse response, EmbeddingRequest request) {
    if (response.usage().fromProvider()) {
      return response;
    }
    long chars = request.inputs().stream().mapToLong(String::length).sum();
    return new EmbeddingResponse(
        response.embeddings(),
        response.servedModel(),
        Usage.of(ofChars(chars), 0, UsageSource.ESTIMATED));
  }
}
