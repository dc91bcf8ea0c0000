package dev.switchboard.gateway.anthropic;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ContentPart;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.chat.ToolDefinition;

/**
 * The gateway's answer to {@code count_tokens}: an estimate made here, without a call upstream (the
 * request may route to any provider family, each with its own tokenizer, and counting must not cost
 * a provider call). Text counts a token per four characters, rounded up, plus a few tokens a
 * message for the turn's framing; an image counts as {@link #IMAGE_TOKENS}, the cost Anthropic
 * documents for an image of about a megapixel. The number is for budgeting, not billing: the usage
 * ledger records what the provider reports.
 */
final class TokenEstimate {

  static final int PER_MESSAGE = 4;
  static final int IMAGE_TOKENS = 1_334;

  private TokenEstimate() {}

  static long inputTokens(ChatRequest request) {
    long tokens = 0;
    for (Message m : request.messages()) {
      tokens += PER_MESSAGE;
      for (ContentPart part : m.content()) {
        tokens += part instanceof ContentPart.Text t ? ofText(t.text()) : IMAGE_TOKENS;
      }
      for (ToolCall call : m.toolCalls()) {
        tokens += ofText(call.name()) + ofText(call.argumentsJson());
      }
    }
    for (ToolDefinition tool : request.tools()) {
      tokens += ofText(tool.name()) + ofText(tool.parametersSchema());
      if (tool.description() != null) {
        tokens += ofText(tool.description());
      }
    }
    return tokens;
  }

  private static long ofText(String text) {
    return (text.length() + 3) / 4;
  }
}
