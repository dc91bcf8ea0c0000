package dev.switchboard.gateway.conformance;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.ChatStream;
import dev.switchboard.core.router.ChatStreamListener;
import dev.switchboard.core.router.LlmRouter;
import dev.switchboard.core.router.RoutedChat;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.ProviderAdapter;
import dev.switchboard.providers.StreamHandle;
import dev.switchboard.providers.StreamListener;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A router with one deployment per provider family and no reliability around it: {@code
 * family/model} goes to that family's real adapter and endpoint (the simulator), once. The suite is
 * about translation; retries, circuits and fallbacks have the routing module's tests. Like the real
 * router it names the deployment when the stream commits, at its first event, so the relay turns a
 * failure before that into an HTTP error.
 */
final class DirectRouter implements LlmRouter {

  /** A family's adapter and the endpoint that reaches it. */
  record Deployment(ProviderAdapter adapter, Endpoint endpoint) {}

  private final Map<String, Deployment> deployments;

  DirectRouter(Map<String, Deployment> deployments) {
    this.deployments = Map.copyOf(deployments);
  }

  @Override
  public RoutedChat chat(ChatRequest request, CallContext context) {
    String family = family(request);
    Deployment d = deployments.get(family);
    ChatRequest upstream = request.withModel(model(request));
    return new RoutedChat(
        d.adapter().chat(d.endpoint(), upstream), family, upstream.model(), 1, "req_conformance");
  }

  @Override
  public ChatStream stream(ChatRequest request, CallContext context, ChatStreamListener listener) {
    String family = family(request);
    Deployment d = deployments.get(family);
    ChatRequest upstream = request.withModel(model(request));
    AtomicBoolean committed = new AtomicBoolean();
    StreamHandle handle =
        d.adapter().stream(
            d.endpoint(),
            upstream,
            new StreamListener() {
              @Override
              public void onEvent(StreamEvent event) {
                if (committed.compareAndSet(false, true)) {
                  listener.onServedBy(family, upstream.model(), 1);
                }
                listener.onEvent(event);
              }

              @Override
              public void onComplete(Usage usage) {
                listener.onComplete(usage);
              }

              @Override
              public void onError(ProviderException error, Usage usageSoFar) {
                listener.onError(error, usageSoFar);
              }

              @Override
              public void onCancelled(Usage usageSoFar) {
                listener.onCancelled(usageSoFar);
              }
            });
    return new ChatStream() {
      @Override
      public void cancel() {
        handle.cancel();
      }

      @Override
      public void pause() {
        handle.pause();
      }

      @Override
      public void resume() {
        handle.resume();
      }
    };
  }

  @Override
  public EmbeddingResponse embed(EmbeddingRequest request, CallContext context) {
    throw new UnsupportedOperationException("the conformance suite routes chats only");
  }

  private static String family(ChatRequest request) {
    return request.model().substring(0, request.model().indexOf('/'));
  }

  private static String model(ChatRequest request) {
    return request.model().substring(request.model().indexOf('/') + 1);
  }
}
