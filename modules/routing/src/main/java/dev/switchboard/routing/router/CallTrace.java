package dev.switchboard.routing.router;

import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.CallRecord;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.routing.Deployment;
import dev.switchboard.routing.execution.Attempt;
import dev.switchboard.routing.execution.Attempts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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

  CallTrace(String id, CallContext context, CallRecord.Kind kind, String requested) {
    this.id = id;
    this.context = context;
    this.kind = kind;
    this.requested = requested;
  }

  String id() {
    return id;
  }

  CallTrace withFirstEvent(long nanos) {
    this.firstEventNanos = nanos;
    return this;
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
        null);
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
        error);
  }

  CallRecord embedded(Usage usage) {
    Deployment d = lastTried;
    return record(
        d == null ? null : d.integrationId(),
        null,
        d == null ? requested : d.model(),
        usage,
        embedCalls,
        null);
  }

  CallRecord embedFailed(ProviderException error) {
    Deployment d = lastTried;
    return record(
        d == null ? null : d.integrationId(),
        null,
        d == null ? requested : d.model(),
        Usage.NONE,
        embedCalls,
        error);
  }

  private CallRecord record(
      String integrationId,
      String provider,
      String model,
      Usage usage,
      int attempts,
      ProviderException error) {
    long now = System.nanoTime();
    return new CallRecord(
        id,
        startedAt,
        context,
        kind,
        integrationId,
        provider,
        model,
        usage,
        Duration.ofNanos(now - startNanos),
        firstEventNanos == 0 ? null : Duration.ofNanos(firstEventNanos - startNanos),
        attempts,
        error == null ? null : error.category(),
        false);
  }
}
