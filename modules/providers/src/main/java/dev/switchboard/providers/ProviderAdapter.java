package dev.switchboard.providers;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.model.ModelInfo;
import java.time.Duration;
import java.util.List;

/**
 * The provider SPI: one implementation per provider family (a wire protocol), translating between
 * Switchboard's model and that wire. Found through {@link java.util.ServiceLoader} (see {@link
 * ProviderRegistry}); implementations are stateless and thread-safe, and take every setting of a
 * call from the {@link Endpoint} passed in.
 *
 * <p>Every method fails with {@link ProviderException} only, its category mapped from the
 * provider's status and error body. No method logs or returns the credential, the prompt or the
 * reply.
 */
public interface ProviderAdapter {

  /** The family id, e.g. {@code openai}, {@code anthropic}. */
  String family();

  /** The providers this adapter serves; more than one for OpenAI-compatible families. */
  List<ProviderDescriptor> providers();

  /**
   * A complete chat reply.
   *
   * @throws ProviderException on any failure, including a timeout of the endpoint's deadlines
   */
  ChatResponse chat(Endpoint endpoint, ChatRequest request);

  /**
   * Streams a chat reply to the listener as the provider sends it. Returns at once; the listener
   * receives events on an HTTP client thread. Failures, including those before the first byte,
   * reach the listener's {@code onError}, not the caller.
   *
   * @return a handle to cancel the stream (closing the upstream connection) or wait for it
   */
  StreamHandle stream(Endpoint endpoint, ChatRequest request, StreamListener listener);

  /**
   * Embeds texts.
   *
   * @throws ProviderException with category {@code BAD_REQUEST} and code {@code unsupported} when
   *     the provider has no embeddings
   */
  EmbeddingResponse embed(Endpoint endpoint, EmbeddingRequest request);

  /**
   * The models these credentials can use, as the provider lists them.
   *
   * @throws ProviderException with code {@code unsupported} when the provider has no listing
   */
  List<ModelInfo> listModels(Endpoint endpoint);

  /**
   * Checks reachability, credentials and access to one model with the smallest real call (a chat of
   * one output token), and measures its latency. Never throws for a provider failure: the result
   * says which step failed.
   */
  default ConnectionTestResult testConnection(Endpoint endpoint, String model) {
    ChatRequest probe =
        new ChatRequest(
            model,
            List.of(Message.user("ping")),
            null,
            null,
            null,
            null,
            null,
            1,
            null,
            null,
            null);
    long start = System.nanoTime();
    try {
      chat(endpoint, probe);
      return ConnectionTestResult.passed(Duration.ofNanos(System.nanoTime() - start));
    } catch (ProviderException e) {
      return ConnectionTestResult.failed(e, Duration.ofNanos(System.nanoTime() - start));
    }
  }
}
