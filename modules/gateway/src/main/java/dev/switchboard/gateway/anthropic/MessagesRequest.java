package dev.switchboard.gateway.anthropic;

import dev.switchboard.core.chat.ChatRequest;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code POST /v1/messages}: the provider-neutral request, whether to stream, and what the
 * request carried that the neutral model does not (dropped by the documented rule, named back to
 * the caller in the {@code x-switchboard-dropped} header).
 *
 * @param dropped names such as {@code thinking}, {@code cache_control}, {@code top_k}
 * @param variables Switchboard's extension, as on {@code /v1/chat/completions}: content variables
 *     for a feature's prompt template
 */
public record MessagesRequest(
    ChatRequest request, boolean stream, Set<String> dropped, Map<String, String> variables) {

  public MessagesRequest {
    dropped = dropped == null ? Set.of() : Set.copyOf(dropped);
    variables = variables == null ? Map.of() : Map.copyOf(variables);
  }
}
