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
import dev.switchboard.providers.StreamHandle;
import dev.switchboard.providers.StreamListener;
import dev.switchboard.routing.Deployment;
import dev.switchboard.routing.Route;
import dev.switchboard.routing.circuit.CircuitBreaker;
import dev.switchboard.routing.deadline.Deadline;
import dev.switchboard.routing.execution.AttemptLog;
import dev.switchboard.routing.execution.Attempts;
import dev.switchboard.routing.execution.CommitAware;
import dev.switchboard.routing.execution.FallbackExecution;
import dev.switchboard.routing.execution.IntegrationGuards;
import dev.switchboard.routing.execution.IntegrationSettings;
import dev.switchboard.routing.execution.RoutedResponse;
import dev.switchboard.routing.features.ResolvedRoute;
import dev.switchboard.routing.features.RouteResolver;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The in-process {@link LlmRouter}. Each call: the {@link RouteResolver} turns its model name into
 * a route (feature, alias or {@code provider/model}, with the level that decided), the feature's
 * prompt template and the default parameters are applied, {@link IntegrationAdmission}s may refuse
 * integrations, a feature's response cache may answer, and otherwise the reliability core runs the
 * route: retries, per-integration circuits, rate and concurrency limits and fallbacks inside one
 * deadline. Every call ends with one {@link CallRecord} event and lands in the statistics.
 */
@ApplicationScoped
public class Router implements LlmRouter {

  /** The tag a caller sets to give the call its own request id (the gateway's x-request-id). */
  public static final String REQUEST_ID_TAG = "request-id";

  static final int BULKHEAD = 1024;
  static final long BACKSTOP_SECONDS = 150;

  private final Map<String, IntegrationSettings> settings = new ConcurrentHashMap<>();
  private final IntegrationGuards guards =
      new IntegrationGuards(
          id -> settings.getOrDefault(id, IntegrationSettings.DEFAULTS),
          java.time.Clock.systemUTC());
  private final FallbackExecution execution = FallbackExecution.withDefaults(guards);
  private final ResponseCache cache = new ResponseCache();
  private final RoutingStats stats = new RoutingStats();

  @Inject RouteResolver resolver;
  @Inject Event<CallRecord> calls;
  @Inject Instance<IntegrationAdmission> admissions;
  @Inject ClusterRateLimits rateLimits;
  @Inject RouterMetrics metrics;

  @Inject
  @ConfigProperty(name = "switchboard.routing.deadline-seconds", defaultValue = "120")
  long deadlineSeconds;

  @PostConstruct
  void init() {
    guards.rateGate(rateLimits::tryAcquireIntegration);
    metrics.watch(guards);
  }

  /**
   * The router's own static limits (MicroProfile Fault Tolerance, configurable as {@code
   * dev.switchboard.routing.router.Router/chat/Bulkhead/value} and {@code .../Timeout/value}): at
   * most 1,024 calls at once, and a backstop a little past the routing deadline. Per-integration
   * limits, which vary at runtime, are the reliability core's.
   */
  @Override
  @Bulkhead(BULKHEAD)
  @Timeout(value = BACKSTOP_SECONDS, unit = ChronoUnit.SECONDS)
  public RoutedChat chat(ChatRequest request, CallContext context) {
    CallTrace trace =
        new CallTrace(requestId(context), context, CallRecord.Kind.CHAT, request.model());
    AttemptLog log = new AttemptLog();
    try {
      ResolvedRoute resolved = resolver.resolve(request.model(), context.workspace());
      trace.resolved(resolved);
      ChatRequest prepared = prepare(request, resolved, context);
      String cacheKey = null;
      if (resolved.cached()) {
        cacheKey = ResponseCache.key(context.workspace(), resolved.feature(), prepared);
        Optional<RoutedChat> hit = cache.get(resolved.feature(), cacheKey);
        if (hit.isPresent()) {
          RoutedChat c = hit.get();
          ended(trace.cacheHit(c.provider(), c.model(), c.response().usage()), log);
          return new RoutedChat(c.response(), c.provider(), c.model(), 0, trace.id());
        }
      }
      Route route = admitted(route(resolved), context);
      RoutedResponse r = execution.chat(route, prepared, deadline(), log);
      String provider = providerOf(resolved, r.servedBy().integrationId());
      ended(trace.succeeded(log.snapshot(), provider, r.response().usage()), log);
      RoutedChat reply =
          new RoutedChat(
              r.response(), provider, r.servedBy().model(), (int) r.attempts().calls(), trace.id());
      if (cacheKey != null) {
        cache.put(
            resolved.feature(),
            cacheKey,
            reply,
            resolved.cacheTtlSeconds(),
            resolved.cacheMaxEntries());
      }
      return reply;
    } catch (ProviderException e) {
      ended(trace.failed(log.snapshot(), e, Usage.NONE), log);
      throw e;
    }
  }

  @Override
  public ChatStream stream(ChatRequest request, CallContext context, ChatStreamListener listener) {
    CallTrace trace =
        new CallTrace(requestId(context), context, CallRecord.Kind.STREAM, request.model());
    AttemptLog log = new AttemptLog();
    ResolvedRoute resolved;
    Route route;
    ChatRequest prepared;
    try {
      resolved = resolver.resolve(request.model(), context.workspace());
      trace.resolved(resolved);
      prepared = prepare(request, resolved, context);
      route = admitted(route(resolved), context);
    } catch (ProviderException e) {
      ended(trace.failed(log.snapshot(), e, Usage.NONE), log);
      listener.onError(e, null);
      return () -> {};
    }
    StreamHandle handle =
        execution.stream(
            route, prepared, deadline(), new Bridge(listener, resolved, trace, log), log);
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

  /**
   * Embeddings over the same route: each deployment in turn, skipping those whose circuit is open
   * or whose rate allowance is spent; a caller error (bad request, content policy) ends the call at
   * once, anything else moves on to the next deployment.
   */
  @Override
  @Bulkhead(BULKHEAD)
  @Timeout(value = BACKSTOP_SECONDS, unit = ChronoUnit.SECONDS)
  public EmbeddingResponse embed(EmbeddingRequest request, CallContext context) {
    CallTrace trace =
        new CallTrace(requestId(context), context, CallRecord.Kind.EMBEDDINGS, request.model());
    try {
      ResolvedRoute resolved = resolver.resolve(request.model(), context.workspace());
      trace.resolved(resolved);
      EmbeddingResponse r = embedRouted(request, resolved, context, trace);
      ended(trace.embedded(providerOf(resolved, trace.lastIntegration()), r.usage()), null);
      return r;
    } catch (ProviderException e) {
      ended(trace.embedFailed(e), null);
      throw e;
    }
  }

  private EmbeddingResponse embedRouted(
      EmbeddingRequest request, ResolvedRoute resolved, CallContext context, CallTrace trace) {
    Route route = admitted(route(resolved), context);
    Deadline deadline = deadline();
    ProviderException last = null;
    for (Deployment d : route.deployments()) {
      Optional<CircuitBreaker.Permit> permit =
          deadline.expired() ? Optional.empty() : guards.circuit(d.integrationId()).tryAcquire();
      if (permit.isEmpty()) {
        continue;
      }
      Optional<ProviderException> refused = guards.rateGate().tryAcquire(d.integrationId());
      if (refused.isPresent()) {
        permit.get().release();
        last = refused.get();
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

  /** What decided a call's route, without making it: for the admin API's "explain". */
  public ResolvedRoute explain(String model, String workspace) {
    return resolver.resolve(model, workspace);
  }

  /** Closes an integration's circuit and forgets its failures. */
  public void resetCircuit(String integrationId) {
    guards.circuits().reset(integrationId);
  }

  /** Empties a feature's response cache on this server; returns the entries it held. */
  public int clearCache(String feature) {
    return cache.clear(feature);
  }

  public List<RoutingStats.DeploymentStats> deploymentStats() {
    return stats.deployments(id -> guards.circuit(id).state().name());
  }

  public RoutingStats.Summary summary() {
    return stats.summary(cache.hits(), cache.misses());
  }

  /** The feature's template, then the default parameters for what the caller left unset. */
  static ChatRequest prepare(ChatRequest request, ResolvedRoute resolved, CallContext context) {
    var messages = resolved.template().apply(request.messages(), context.variables());
    return new ChatRequest(
        request.model(),
        messages,
        request.tools(),
        request.toolChoice(),
        request.responseFormat(),
        request.temperature() != null ? request.temperature() : resolved.temperature(),
        request.topP(),
        request.maxOutputTokens() != null ? request.maxOutputTokens() : resolved.maxTokens(),
        request.stop(),
        request.seed(),
        request.user());
  }

  /** The route's steps as tiers: equal positions balanced, higher positions fallbacks. */
  Route route(ResolvedRoute resolved) {
    TreeMap<Integer, List<Deployment>> tiers = new TreeMap<>();
    for (ResolvedRoute.Step s : resolved.steps()) {
      RuntimeDeployment d = s.deployment();
      settings.put(d.integrationId(), settingsFor(d));
      rateLimits.integrationLimit(d.integrationId(), d.rateLimitRpm());
      tiers
          .computeIfAbsent(s.position(), p -> new ArrayList<>())
          .add(
              Deployment.of(d.integrationId(), d.modelId(), d.endpoint(), d.adapter())
                  .withWeight(s.weight())
                  .withContextWindow(d.contextWindow() == null ? 0 : d.contextWindow()));
    }
    return new Route(new ArrayList<>(tiers.values()));
  }

  private static IntegrationSettings settingsFor(RuntimeDeployment d) {
    IntegrationSettings s = IntegrationSettings.DEFAULTS;
    return s.withRetry(s.retry().withMaxRetries(Math.max(0, d.maxRetries())));
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
    List<List<Deployment>> tiers = new ArrayList<>();
    for (List<Deployment> tier : route.tiers()) {
      List<Deployment> kept = new ArrayList<>();
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

  /** Statistics, metrics and the usage ledger's event, for every call however it ended. */
  private void ended(CallRecord call, AttemptLog log) {
    Attempts attempts = log == null ? new Attempts(List.of()) : log.snapshot();
    stats.record(call, attempts);
    metrics.record(call, attempts);
    calls.fire(call);
  }

  private Deadline deadline() {
    return Deadline.after(Duration.ofSeconds(deadlineSeconds));
  }

  private static String providerOf(ResolvedRoute resolved, String integrationId) {
    if (integrationId == null) {
      return null;
    }
    Map<String, String> providers = new HashMap<>();
    for (ResolvedRoute.Step s : resolved.steps()) {
      providers.putIfAbsent(s.deployment().integrationId(), s.deployment().providerId());
    }
    return providers.get(integrationId);
  }

  /** The caller's request id (tag {@value #REQUEST_ID_TAG}) when it gave one, else a new one. */
  private static String requestId(CallContext context) {
    String given = context.tags().get(REQUEST_ID_TAG);
    return given != null && !given.isBlank()
        ? given
        : "req_" + UUID.randomUUID().toString().replace("-", "");
  }

  /**
   * The provider SPI's listener onto the router's public one. The call's record is fired before the
   * caller hears the end, so a ledger that writes it durably loses no answered call.
   */
  private final class Bridge implements StreamListener, CommitAware {
    private final ChatStreamListener target;
    private final ResolvedRoute resolved;
    private final CallTrace trace;
    private final AttemptLog log;
    private volatile boolean announced;

    Bridge(ChatStreamListener target, ResolvedRoute resolved, CallTrace trace, AttemptLog log) {
      this.target = target;
      this.resolved = resolved;
      this.trace = trace;
      this.log = log;
    }

    @Override
    public void committedTo(Deployment d, int attempts) {
      target.onServedBy(providerOf(resolved, d.integrationId()), d.model(), attempts);
    }

    @Override
    public void onEvent(StreamEvent event) {
      if (!announced) {
        announced = true;
        trace.firstEvent();
      }
      target.onEvent(event);
    }

    @Override
    public void onComplete(Usage usage) {
      Attempts attempts = log.snapshot();
      String integration = attempts.served().map(a -> a.integrationId()).orElse(null);
      try {
        ended(trace.succeeded(attempts, providerOf(resolved, integration), usage), log);
      } finally {
        target.onComplete(usage);
      }
    }

    @Override
    public void onError(ProviderException error, Usage usageSoFar) {
      Usage known = usageSoFar == null ? Usage.NONE : usageSoFar;
      try {
        ended(trace.failed(log.snapshot(), error, known.withSource(UsageSource.INCOMPLETE)), log);
      } finally {
        target.onError(error, usageSoFar);
      }
    }

    @Override
    public void onCancelled(Usage usageSoFar) {
      Usage known = usageSoFar == null ? Usage.NONE : usageSoFar;
      try {
        ended(
            trace.failed(
                log.snapshot(),
                ProviderException.builder(ErrorCategory.UNAVAILABLE, "cancelled by the caller")
                    .providerCode("cancelled")
                    .build(),
                known.withSource(UsageSource.INCOMPLETE)),
            log);
      } finally {
        target.onCancelled(usageSoFar);
      }
    }
  }
}
