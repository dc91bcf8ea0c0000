package dev.switchboard.core.router;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;

/**
 * Routes a chat to a working model: the request's {@code model} names a feature, a deployment or
 * {@code provider/model}; the router picks a deployment for the caller's workspace, with retries,
 * per-integration circuits and fallbacks, inside one deadline.
 *
 * <p>Failures are {@link dev.switchboard.core.error.ProviderException}s with a category: the
 * caller's own mistakes (bad request, unknown model) fail at once, upstream faults only after the
 * fallbacks are exhausted.
 */
public interface LlmRouter {

  /** A complete reply, with which deployment served it and after how many attempts. */
  RoutedChat chat(ChatRequest request, CallContext context);

  /**
   * Streams a reply: events reach the listener as the provider sends them. Fallback happens only
   * before the first event; after it, a failure ends the stream with {@code onError}. Returns at
   * once.
   */
  ChatStream stream(ChatRequest request, CallContext context, ChatStreamListener listener);

  /** Embeds texts with the model the request names, trying its deployments in turn. */
  EmbeddingResponse embed(EmbeddingRequest request, CallContext context);
}
