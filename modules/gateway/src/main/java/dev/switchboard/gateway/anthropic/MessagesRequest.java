package dev.switchboard.gateway.anthropic;

import dev.switchboard.core.chat.ChatRequest;
import java.util.Set;

/**
 * A parsed {@code POST /v1/messages}: the provider-neutral request, whether to stream, and what the
 * request carried that the neutral model does not (dropped by the documented rule, named back to
 * the caller in the {@code x-switchboard-dropped} header).
 *
 * @param dropped names such as {@code thinking}, {@code cache_control}, {@code top_k}
 */
public record MessagesRequest(ChatRequest request, boolean stream, Set<String> dropped) {

  public MessagesRequest {
    dropped = dropped == null ? Set.of() : Set.copyOf(dropped);
  }
}
