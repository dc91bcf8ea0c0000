package dev.switchboard.gateway.openai;

import dev.switchboard.core.chat.ChatRequest;

/**
 * A parsed {@code POST /v1/chat/completions}: the provider-neutral request plus what only the
 * OpenAI wire carries.
 *
 * @param includeUsage {@code stream_options.include_usage}: send a usage chunk before {@code
 *     [DONE]}
 * @param variables Switchboard's extension: content variables for a feature's prompt template
 */
public record ChatCompletionRequest(
    ChatRequest request,
    boolean stream,
    boolean includeUsage,
    java.util.Map<String, String> variables) {

  public ChatCompletionRequest {
    variables = variables == null ? java.util.Map.of() : java.util.Map.copyOf(variables);
  }
}
