package dev.switchboard.providers.wire;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.Message;

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
}
