package dev.switchboard.routing.router;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.ChatStream;
import dev.switchboard.core.router.ChatStreamListener;
import dev.switchboard.core.router.LlmRouter;
import dev.switchboard.core.router.RoutedChat;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.integrations.RuntimeDeployment;
import dev.switchboard.integrations.RuntimeDeployments;
import dev.switchboard.providers.StreamHandle;
import dev.switchboard.providers.StreamListener;
import dev.switchboard.routing.Deployment;
import dev.switchboard.routing.Route;
import dev.switchboard.routing.circuit.CircuitBreaker;
import dev.switchboard.routing.deadline.Deadline;
import dev.switchboard.routing.execution.AttemptLog;
import dev.switchboard.routing.execution.FallbackExecution;
import dev.switchboard.routing.execution.IntegrationGuards;
import dev.switchboard.routing.execution.RoutedResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The in-process {@link LlmRouter}. So far it routes {@code provider/model}: every enabled model
 * with that id on the workspace's integrations of that provider, balanced, with the reliability
 * core's retries, per-integration circuits and fallbacks inside one deadline. Features, defaults
 * and overrides come next.
 */
@ApplicationScoped
public class Router implements LlmRouter {

  private final IntegrationGuards guards = IntegrationGuards.withDefaults();
  private final FallbackExecution execution = FallbackExecution.withDefaults(guards);

  @Inject RuntimeDeployments deployments;

  @Inject
  @ConfigProperty(name = "switchboard.routing.deadline-seconds", defaultValue = "120")
  long deadlineSeconds;

  @Override
  public RoutedChat chat(ChatRequest request, CallContext context) {
    Route route = route(request.model(), context);
    AttemptLog log = new AttemptLog();
    RoutedResponse r = execution.chat(route, request, deadline(), log);
    String provider = providerOf(request.model());
    return new RoutedChat(
        r.response(), provider, r.servedBy().model(), (int) r.attempts().calls(), requestId());
  }

  @Override
  public ChatStream stream(ChatRequest request, CallContext context, ChatStreamListener listener) {
    Route route;
    try {
      route = route(request.model(), context);
    } catch (ProviderException e) {
      listener.onError(e, null);
      return () -> {};
    }
    String provider = providerOf(request.model());
    StreamHandle handle =
        execution.stream(
            route,
            request,
            deadline(),
            new Bridge(listener, provider, request.model()),
            new AttemptLog());
    return handle::cancel;
  }

  /**
   * Embeddings over the same route: each deployment in turn, skipping those whose circuit is open;
   * a caller error (bad request, content policy) ends the call at once, anything else moves on to
   * the next deployment. No retries of the same deployment yet (chat has them).
   */
  @Override
  public EmbeddingResponse embed(EmbeddingRequest request, CallContext context) {
    Route route = route(request.model(), context);
    Deadline deadline = deadline();
    ProviderException last = null;
    for (Deployment d : route.deployments()) {
      var permit =
          deadline.expired()
              ? java.util.Optional.<CircuitBreaker.Permit>empty()
              : guards.circuit(d.integrationId()).tryAcquire();
      if (permit.isEmpty()) {
        continue;
      }
      try {
        EmbeddingResponse r =
            d.adapter()
                .embed(
                    d.endpoint().get(),
                    new EmbeddingRequest(
                        d.model(), request.inputs(), request.dimensions(), request.user()));
        permit.get().onSuccess();
        return r;
      } catch (ProviderException e) {
        permit.get().onFailure(e);
        if (e.category() == ErrorCategory.BAD_REQUEST
            || e.category() == ErrorCategory.CONTENT_POLICY) {
          throw e;
        }
        last = e;
      } finally {
        permit.get().release();
      }
    }
    throw last != null
        ? last
        : ProviderException.builder(
                ErrorCategory.UNAVAILABLE,
                "No deployment of '"
                    + request.model()
                    + "' is available (circuits open or deadline passed).")
            .build();
  }

  /** {@code provider/model} to the workspace's deployments of it. */
  Route route(String model, CallContext context) {
    int slash = model == null ? -1 : model.indexOf('/');
    if (slash <= 0 || slash == model.length() - 1) {
      throw notFound(model, "name a model as provider/model, e.g. openai/gpt-4o-mini");
    }
    List<RuntimeDeployment> found =
        deployments.forModel(
            context.workspace(), model.substring(0, slash), model.substring(slash + 1));
    if (found.isEmpty()) {
      throw notFound(model, "no enabled integration in this workspace offers it");
    }
    return Route.balanced(
        found.stream()
            .map(
                d ->
                    Deployment.of(d.integrationId(), d.modelId(), d.endpoint(), d.adapter())
                        .withContextWindow(d.contextWindow() == null ? 0 : d.contextWindow()))
            .toArray(Deployment[]::new));
  }

  private Deadline deadline() {
    return Deadline.after(Duration.ofSeconds(deadlineSeconds));
  }

  private static String providerOf(String model) {
    return model.substring(0, model.indexOf('/'));
  }

  private static String requestId() {
    return "req_" + UUID.randomUUID().toString().replace("-", "");
  }

  private static ProviderException notFound(String model, String why) {
    return ProviderException.builder(
            ErrorCategory.MODEL_NOT_FOUND, "The model '" + model + "' does not exist: " + why + ".")
        .providerCode("model_not_found")
        .build();
  }

  /** The provider SPI's listener onto the router's public one. */
  private record Bridge(ChatStreamListener target, String provider, String model)
      implements StreamListener {
    @Override
    public void onEvent(StreamEvent event) {
      target.onEvent(event);
    }

    @Override
    public void onComplete(Usage usage) {
      target.onComplete(usage);
    }

    @Override
    public void onError(ProviderException error, Usage usageSoFar) {
      target.onError(error, usageSoFar);
    }

    @Override
    public void onCancelled(Usage usageSoFar) {
      target.onCancelled(usageSoFar);
    }
  }
}
