package dev.switchboard.routing.execution;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.providers.StreamHandle;
import dev.switchboard.providers.StreamListener;
import dev.switchboard.routing.Deployment;
import dev.switchboard.routing.Route;
import dev.switchboard.routing.balance.LoadBalancer;
import dev.switchboard.routing.balance.WeightedRandom;
import dev.switchboard.routing.deadline.Deadline;
import dev.switchboard.routing.deadline.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;

/**
 * Runs one chat call across a route. Deployments are tried tier by tier (balanced within a tier);
 * one whose circuit is open or whose concurrency limit is full is skipped; a failed attempt is
 * retried on the same deployment while its policy, its integration's retry budget and the deadline
 * allow, then the call falls back to the next deployment. A caller error ({@code BAD_REQUEST},
 * {@code CONTENT_POLICY}) ends the call at once: another provider would refuse it too. After {@code
 * CONTEXT_LENGTH_EXCEEDED} only deployments with a larger (or unknown) context are tried.
 *
 * <p>Every attempt's connect, idle and total timeouts are clipped to the call's deadline, and so is
 * every wait. Streams follow the same rules until the first token reaches the caller; after that a
 * failure is the caller's stream error (see {@link #stream}).
 */
public final class FallbackExecution {

  private final IntegrationGuards guards;
  private final LoadBalancer balancer;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final Executor executor;

  /**
   * @param executor runs stream retries and fallbacks (never the caller's or an HTTP client's
   *     thread); in a container, a managed executor
   */
  public FallbackExecution(
      IntegrationGuards guards,
      LoadBalancer balancer,
      Sleeper sleeper,
      RandomGenerator random,
      Executor executor) {
    this.guards = Objects.requireNonNull(guards, "guards");
    this.balancer = Objects.requireNonNull(balancer, "balancer");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** Weighted random balancing, real sleeps, and daemon threads for stream fallbacks. */
  public static FallbackExecution withDefaults(IntegrationGuards guards) {
    return new FallbackExecution(
        guards,
        new WeightedRandom(),
        Sleeper.system(),
        RandomGenerator.getDefault(),
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "switchboard-routing");
              t.setDaemon(true);
              return t;
            }));
  }

  public IntegrationGuards guards() {
    return guards;
  }

  /** {@link #chat(Route, ChatRequest, Deadline, AttemptLog)} with a log of its own. */
  public RoutedResponse chat(Route route, ChatRequest request, Deadline deadline) {
    return chat(route, request, deadline, new AttemptLog());
  }

  /**
   * A complete chat reply from the first deployment of the route that gives one.
   *
   * @param request the request; its model is replaced by each deployment's
   * @param log receives every attempt, also when the call fails
   * @throws ProviderException a caller error as the provider reported it; otherwise, when no
   *     deployment answered, one naming the last provider failure (its category kept), or {@code
   *     UNAVAILABLE} when every deployment was refused by its circuit or limit, or {@code TIMEOUT}
   *     ({@code deadline_exceeded}) when the deadline passed
   */
  public RoutedResponse chat(Route route, ChatRequest request, Deadline deadline, AttemptLog log) {
    ChainProgress progress = new ChainProgress(PromptSize.estimate(request));
    List<Deployment> chain = candidates(route);
    for (int i = 0; i < chain.size(); i++) {
      Deployment d = chain.get(i);
      if (!eligible(d, progress, deadline, log)) {
        continue;
      }
      Optional<ChatResponse> reply =
          callWithRetries(d, request, i == chain.size() - 1, deadline, progress, log);
      if (reply.isPresent()) {
        return new RoutedResponse(reply.get(), d, log.snapshot());
      }
    }
    throw progress.exhausted(deadline, log.snapshot());
  }

  /**
   * Streams a chat reply from the first deployment of the route that starts one. Until the first
   * token (a text, tool-call or finish event) has reached {@code listener}, a failure is retried or
   * falls back exactly as in {@link #chat}, and the caller sees nothing of it; usage reports that
   * come before the first token are held back until then. After the first token, a failure is
   * delivered to {@code listener.onError}: never a silent restart, never a token twice. Cancelling
   * the returned handle cancels the attempt under way.
   */
  public StreamHandle stream(
      Route route,
      ChatRequest request,
      Deadline deadline,
      StreamListener listener,
      AttemptLog log) {
    FallbackStream stream =
        new FallbackStream(this, candidates(route), request, deadline, listener, log);
    return stream.start();
  }

  private Optional<ChatResponse> callWithRetries(
      Deployment d,
      ChatRequest request,
      boolean last,
      Deadline deadline,
      ChainProgress progress,
      AttemptLog log) {
    Duration wait = Duration.ZERO;
    for (int retry = 0; ; retry++) {
      Optional<Admission> admission = admit(d, last, deadline, progress, log, retry, wait);
      if (admission.isEmpty()) {
        return Optional.empty();
      }
      long start = System.nanoTime();
      try {
        ChatResponse reply =
            d.adapter()
                .chat(
                    ClippedEndpoint.of(d.endpoint().get(), deadline), request.withModel(d.model()));
        admission.get().succeeded();
        log.add(
            ended(
                d,
                Outcome.SUCCEEDED,
                null,
                retry,
                wait,
                start,
                Attempt.FollowUp.NONE,
                reply.usage()));
        return Optional.of(reply);
      } catch (ProviderException e) {
        admission.get().failed(e);
        progress.failed(d, e);
        Step step = afterFailure(d, e, retry, wait, deadline);
        log.add(
            ended(d, Outcome.FAILED, e.category(), retry, wait, start, step.then(), Usage.NONE));
        if (step.then() == Attempt.FollowUp.GAVE_UP) {
          throw e;
        }
        if (step.then() != Attempt.FollowUp.RETRIED) {
          return Optional.empty();
        }
        wait = step.delay();
        pause(wait);
      }
    }
  }

  /** The deployments in the order to try them: tier by tier, each tier balanced. */
  List<Deployment> candidates(Route route) {
    List<Deployment> ordered = new ArrayList<>();
    for (List<Deployment> tier : route.tiers()) {
      ordered.addAll(
          tier.size() == 1
              ? tier
              : balancer.order(tier, d -> guards.circuit(d.integrationId()).admitsCalls()));
    }
    return ordered;
  }

  /** Whether the deployment is worth trying; records a skip when not. */
  boolean eligible(Deployment d, ChainProgress progress, Deadline deadline, AttemptLog log) {
    if (deadline.expired()) {
      log.add(Attempt.skipped(d, Outcome.SKIPPED_DEADLINE, ErrorCategory.TIMEOUT));
      return false;
    }
    if (!progress.fits(d)) {
      log.add(
          Attempt.skipped(
              d, Outcome.SKIPPED_CONTEXT_WINDOW, ErrorCategory.CONTEXT_LENGTH_EXCEEDED));
      return false;
    }
    return true;
  }

  /**
   * The circuit's permit and a concurrency slot, or empty (skip recorded) when either refuses. A
   * slot is waited for only on the last deployment of the chain, and never past the deadline.
   */
  Optional<Admission> admit(
      Deployment d,
      boolean last,
      Deadline deadline,
      ChainProgress progress,
      AttemptLog log,
      int retry,
      Duration wait) {
    var permit = guards.circuit(d.integrationId()).tryAcquire();
    if (permit.isEmpty()) {
      progress.refused(
          ProviderException.builder(
                  ErrorCategory.UNAVAILABLE,
                  "the circuit of integration " + d.integrationId() + " is open")
              .providerCode("circuit_open")
              .build());
      log.add(
          Attempt.skipped(d, Outcome.SKIPPED_CIRCUIT_OPEN, ErrorCategory.UNAVAILABLE, retry, wait));
      return Optional.empty();
    }
    var rateRefusal = guards.rateGate().tryAcquire(d.integrationId());
    if (rateRefusal.isPresent()) {
      permit.get().release();
      progress.refused(rateRefusal.get());
      log.add(
          Attempt.skipped(
              d, Outcome.SKIPPED_RATE_LIMITED, ErrorCategory.RATE_LIMITED, retry, wait));
      return Optional.empty();
    }
    var limit = guards.limit(d.integrationId());
    Duration queue =
        last ? deadline.clip(guards.settings(d.integrationId()).maxQueueWait()) : Duration.ZERO;
    var slot = limit.acquire(queue);
    if (slot.isEmpty()) {
      permit.get().release();
      progress.refused(limit.refusal());
      log.add(
          Attempt.skipped(
              d, Outcome.SKIPPED_CONCURRENCY_LIMIT, ErrorCategory.UNAVAILABLE, retry, wait));
      return Optional.empty();
    }
    if (retry == 0) {
      guards.budget(d.integrationId()).recordFirstAttempt();
    }
    return Optional.of(new Admission(permit.get(), slot.get()));
  }

  /** Retry, fall back, or give up, after attempt number {@code retry} failed. */
  Step afterFailure(
      Deployment d, ProviderException e, int retry, Duration previousWait, Deadline deadline) {
    if (e.category() == ErrorCategory.BAD_REQUEST || e.category() == ErrorCategory.CONTENT_POLICY) {
      return Step.of(Attempt.FollowUp.GAVE_UP);
    }
    if (e.category() == ErrorCategory.CONTEXT_LENGTH_EXCEEDED) {
      return Step.of(Attempt.FollowUp.FELL_BACK);
    }
    Optional<Duration> wait =
        guards.settings(d.integrationId()).retry().waitBefore(retry + 1, e, previousWait, random);
    if (wait.isEmpty() || wait.get().compareTo(deadline.remaining()) >= 0) {
      return Step.of(Attempt.FollowUp.FELL_BACK);
    }
    if (!guards.budget(d.integrationId()).tryAcquireRetry()) {
      return Step.of(Attempt.FollowUp.FELL_BACK_BUDGET_EXHAUSTED);
    }
    return Step.retryAfter(wait.get());
  }

  void pause(Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProviderException.builder(ErrorCategory.TIMEOUT, "interrupted while waiting to retry")
          .providerCode("interrupted")
          .build();
    }
  }

  Executor executor() {
    return executor;
  }

  void recordLatency(Deployment d, long startNanos) {
    guards.latencies().record(d.id(), Duration.ofNanos(System.nanoTime() - startNanos));
  }

  Attempt ended(
      Deployment d,
      Outcome outcome,
      ErrorCategory category,
      int retry,
      Duration wait,
      long startNanos,
      Attempt.FollowUp then,
      Usage usage) {
    recordLatency(d, startNanos);
    return new Attempt(
        d.id(),
        d.integrationId(),
        d.model(),
        outcome,
        category,
        retry,
        wait,
        Duration.ofNanos(System.nanoTime() - startNanos),
        then,
        usage == null ? Usage.NONE : usage);
  }
}
