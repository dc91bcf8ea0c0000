package dev.switchboard.routing.execution;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.Message;

/**
 * An upper-leaning estimate of a prompt's tokens, to skip deployments whose context is known to be
 * too small before calling them. Providers' tokenizers differ; the larger of a word count and four
 * characters a token, plus a few tokens per message, errs on the side of "too big" (a skipped
 * deployment costs less than a failed call, and a provider's own refusal still falls back).
 */
final class PromptSize {

  private static final int PER_MESSAGE = 3;

  private PromptSize() {}

  static long estimate(ChatRequest request) {
    long tokens = 0;
    for (Message m : request.messages()) {
      String text = m.text();
      long words = text.isBlank() ? 0 : text.strip().split("\\s+").length;
      tokens += Math.max(words, (text.length() + 3) / 4) + PER_MESSAGE;
    }
    for (var tool : request.tools()) {
      tokens += (tool.name().length() + tool.parametersSchema().length() + 3) / 4;
    }
    return tokens;
  }
}
