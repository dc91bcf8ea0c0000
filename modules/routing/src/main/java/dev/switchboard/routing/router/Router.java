package dev.switchboard.routing.router;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.CallRecord;
import dev.switchboard.core.router.ChatStream;
import dev.switchboard.core.router.ChatStreamListener;
import dev.switchboard.core.router.IntegrationAdmission;
import dev.switchboard.core.router.LlmRouter;
import dev.switchboard.core.router.RoutedChat;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
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
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
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
  @Inject Event<CallRecord> calls;
  @Inject Instance<IntegrationAdmission> admissions;

  @Inject
  @ConfigProperty(name = "switchboard.routing.deadline-seconds", defaultValue = "120")
  long deadlineSeconds;

  @Override
  public RoutedChat chat(ChatRequest request, CallContext context) {
    CallTrace trace = new CallTrace(requestId(), context, CallRecord.Kind.CHAT, request.model());
    AttemptLog log = new AttemptLog();
    try {
      Route route = admitted(route(request.model(), context), context);
      RoutedResponse r = execution.chat(route, request, deadline(), log);
      String provider = providerOf(request.model());
      calls.fire(trace.succeeded(log.snapshot(), provider, r.response().usage()));
      return new RoutedChat(
          r.response(), provider, r.servedBy().model(), (int) r.attempts().calls(), trace.id());
    } catch (ProviderException e) {
      calls.fire(trace.failed(log.snapshot(), e, Usage.NONE));
      throw e;
    }
  }

  @Override
  public ChatStream stream(ChatRequest request, CallContext context, ChatStreamListener listener) {
    CallTrace trace = new CallTrace(requestId(), context, CallRecord.Kind.STREAM, request.model());
    AttemptLog log = new AttemptLog();
    Route route;
    try {
      route = admitted(route(request.model(), context), context);
    } catch (ProviderException e) {
      calls.fire(trace.failed(log.snapshot(), e, Usage.NONE));
      listener.onError(e, null);
      return () -> {};
    }
    String provider = providerOf(request.model());
    StreamHandle handle =
        execution.stream(
            route, request, deadline(), new Bridge(listener, provider, trace, log, calls), log);
    return handle::cancel;
  }

  /**
   * Embeddings over the same route: each deployment in turn, skipping those whose circuit is open;
   * a caller error (bad request, content policy) ends the call at once, anything else moves on to
   * the next deployment. No retries of the same deployment yet (chat has them).
   */
  @Override
  public EmbeddingResponse embed(EmbeddingRequest request, CallContext context) {
    CallTrace trace =
        new CallTrace(requestId(), context, CallRecord.Kind.EMBEDDINGS, request.model());
    try {
      EmbeddingResponse r = embedRouted(request, context, trace);
      calls.fire(trace.embedded(r.usage()));
      return r;
    } catch (ProviderException e) {
      calls.fire(trace.embedFailed(e));
      throw e;
    }
  }

  private EmbeddingResponse embedRouted(
      EmbeddingRequest request, CallContext context, CallTrace trace) {
    Route route = admitted(route(request.model(), context), context);
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
      trace.tried(d);
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

  /**
   * The route without the deployments an {@link IntegrationAdmission} refuses; the first refusal
   * when none is left.
   */
  Route admitted(Route route, CallContext context) {
    if (admissions.isUnsatisfied()) {
      return route;
    }
    ProviderException firstRefusal = null;
    List<List<Deployment>> tiers = new java.util.ArrayList<>();
    for (List<Deployment> tier : route.tiers()) {
      List<Deployment> kept = new java.util.ArrayList<>();
      for (Deployment d : tier) {
        try {
          for (IntegrationAdmission admission : admissions) {
            admission.admit(d.integrationId(), context);
          }
          kept.add(d);
        } catch (ProviderException refused) {
          firstRefusal = firstRefusal == null ? refused : firstRefusal;
        }
      }
      tiers.add(kept);
    }
    if (tiers.stream().allMatch(List::isEmpty)) {
      throw firstRefusal;
    }
    return new Route(tiers);
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

  /** The provider SPI's listener onto the router's public one; records the call when it ends. */
  private static final class Bridge implements StreamListener {
    private final ChatStreamListener target;
    private final String provider;
    private final CallTrace trace;
    private final AttemptLog log;
    private final Event<CallRecord> calls;
    private volatile long firstEventNanos;

    Bridge(
        ChatStreamListener target,
        String provider,
        CallTrace trace,
        AttemptLog log,
        Event<CallRecord> calls) {
      this.target = target;
      this.provider = provider;
      this.trace = trace;
      this.log = log;
      this.calls = calls;
    }

    @Override
    public void onEvent(StreamEvent event) {
      if (firstEventNanos == 0) {
        firstEventNanos = System.nanoTime();
      }
      target.onEvent(event);
    }

    @Override
    public void onComplete(Usage usage) {
      try {
        target.onComplete(usage);
      } finally {
        calls.fire(
            trace.withFirstEvent(firstEventNanos).succeeded(log.snapshot(), provider, usage));
      }
    }

    @Override
    public void onError(ProviderException error, Usage usageSoFar) {
      try {
        target.onError(error, usageSoFar);
      } finally {
        Usage known = usageSoFar == null ? Usage.NONE : usageSoFar;
        calls.fire(
            trace
                .withFirstEvent(firstEventNanos)
                .failed(log.snapshot(), error, known.withSource(UsageSource.INCOMPLETE)));
      }
    }

    @Override
    public void onCancelled(Usage usageSoFar) {
      try {
        target.onCancelled(usageSoFar);
      } finally {
        Usage known = usageSoFar == null ? Usage.NONE : usageSoFar;
        calls.fire(
            trace
                .withFirstEvent(firstEventNanos)
                .failed(
                    log.snapshot(),
                    ProviderException.builder(ErrorCategory.UNAVAILABLE, "cancelled by the caller")
                        .providerCode("cancelled")
                        .build(),
                    known.withSource(UsageSource.INCOMPLETE)));
      }
    }
  }
}
