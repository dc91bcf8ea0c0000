package dev.switchboard.routing.router;

import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.CallRecord;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.routing.Deployment;
import dev.switchboard.routing.execution.Attempt;
import dev.switchboard.routing.execution.Attempts;
import dev.switchboard.routing.features.ResolvedRoute;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the router knows of one call while it runs, turned into a {@link CallRecord} at the end. */
final class CallTrace {

  private final String id;
  private final Instant startedAt = Instant.now();
  private final long startNanos = System.nanoTime();
  private final CallContext context;
  private final CallRecord.Kind kind;
  private final String requested;
  private volatile long firstEventNanos;
  private volatile Deployment lastTried;
  private volatile int embedCalls;
  private volatile Map<String, String> providers = Map.of();
  private volatile String feature;

  CallTrace(String id, CallContext context, CallRecord.Kind kind, String requested) {
    this.id = id;
    this.context = context;
    this.kind = kind;
    this.requested = requested;
  }

  String id() {
    return id;
  }

  /** The route is known: the provider of each integration it may use. */
  void resolved(ResolvedRoute route) {
    Map<String, String> m = new HashMap<>();
    for (ResolvedRoute.Step s : route.steps()) {
      m.putIfAbsent(s.deployment().integrationId(), s.deployment().providerId());
    }
    providers = m;
    feature = route.feature();
  }

  /** The first stream event reached the caller now. */
  void firstEvent() {
    if (firstEventNanos == 0) {
      firstEventNanos = System.nanoTime();
    }
  }

  String lastIntegration() {
    Deployment d = lastTried;
    return d == null ? null : d.integrationId();
  }

  CallRecord cacheHit(String provider, String model, Usage usage) {
    return record(null, provider, model, usage, 0, null, true);
  }

  /** An embeddings call is about to go to this deployment. */
  void tried(Deployment d) {
    lastTried = d;
    embedCalls++;
  }

  CallRecord succeeded(Attempts attempts, String provider, Usage usage) {
    Attempt served = attempts.served().orElse(null);
    return record(
        served == null ? null : served.integrationId(),
        provider,
        served == null ? requested : served.model(),
        usage == null ? Usage.NONE : usage,
        (int) attempts.calls(),
        null,
        false);
  }

  CallRecord failed(Attempts attempts, ProviderException error, Usage usage) {
    List<Attempt> called = attempts.list().stream().filter(a -> a.outcome().called()).toList();
    Attempt last = called.isEmpty() ? null : called.get(called.size() - 1);
    return record(
        last == null ? null : last.integrationId(),
        null,
        last == null ? requested : last.model(),
        usage,
        called.size(),
        error,
        false);
  }

  CallRecord embedded(String provider, Usage usage) {
    Deployment d = lastTried;
    return record(
        d == null ? null : d.integrationId(),
        provider,
        d == null ? requested : d.model(),
        usage,
        embedCalls,
        null,
        false);
  }

  CallRecord embedFailed(ProviderException error) {
    Deployment d = lastTried;
    return record(
        d == null ? null : d.integrationId(),
        null,
        d == null ? requested : d.model(),
        Usage.NONE,
        embedCalls,
        error,
        false);
  }

  /** The context as recorded: the feature the route named, never the content variables. */
  private CallContext recorded() {
    boolean sameFeature = feature == null || context.feature() != null;
    if (sameFeature && context.variables().isEmpty()) {
      return context;
    }
    return new CallContext(
        context.workspace(),
        context.feature() != null ? context.feature() : feature,
        context.caller(),
        context.tags(),
        Map.of());
  }

  private CallRecord record(
      String integrationId,
      String provider,
      String model,
      Usage usage,
      int attempts,
      ProviderException error,
      boolean cached) {
    String servedBy =
        provider != null || integrationId == null ? provider : providers.get(integrationId);
    long now = System.nanoTime();
    return new CallRecord(
        id,
        startedAt,
        recorded(),
        kind,
        integrationId,
        servedBy,
        model,
        usage,
        Duration.ofNanos(now - startNanos),
        firstEventNanos == 0 ? null : Duration.ofNanos(firstEventNanos - startNanos),
        attempts,
        error == null ? null : error.category(),
        cached);
  }
}
