package dev.switchboard.routing.execution;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.providers.StreamHandle;
import dev.switchboard.providers.StreamListener;
import dev.switchboard.routing.Deployment;
import dev.switchboard.routing.deadline.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One streamed call across its chain. Attempts run one at a time; each has its own {@link Upstream}
 * listener. Until the first token has been passed to the caller, an attempt's failure leads to a
 * retry or the next deployment, started on the executor (never on the HTTP client thread that
 * reported the failure). Once a token has been passed on, the stream is committed to that attempt.
 * The caller's listener gets exactly one terminal call.
 */
final class FallbackStream {

  private final FallbackExecution execution;
  private final List<Deployment> chain;
  private final ChatRequest request;
  private final Deadline deadline;
  private final StreamListener caller;
  private final AttemptLog log;
  private final ChainProgress progress;
  private final CompletableFuture<Usage> completion = new CompletableFuture<>();
  private final AtomicBoolean finished = new AtomicBoolean();
  private final AtomicReference<Upstream> current = new AtomicReference<>();
  private volatile boolean cancelled;
  private volatile boolean committed;
  private int next;

  FallbackStream(
      FallbackExecution execution,
      List<Deployment> chain,
      ChatRequest request,
      Deadline deadline,
      StreamListener caller,
      AttemptLog log) {
    this.execution = execution;
    this.chain = chain;
    this.request = request;
    this.deadline = deadline;
    this.caller = caller;
    this.log = log;
    this.progress = new ChainProgress(PromptSize.estimate(request));
  }

  StreamHandle start() {
    StreamHandle handle = new StreamHandle(this::cancel, completion, this::pause, this::resume);
    nextDeployment();
    return handle;
  }

  private volatile boolean paused;

  /**
   * Backpressure from the caller: the serving attempt stops reading (a later one starts paused).
   */
  private void pause() {
    paused = true;
    Upstream attempt = current.get();
    StreamHandle h = attempt == null ? null : attempt.handle;
    if (h != null) {
      h.pause();
    }
  }

  private void resume() {
    paused = false;
    Upstream attempt = current.get();
    StreamHandle h = attempt == null ? null : attempt.handle;
    if (h != null) {
      h.resume();
    }
  }

  private void cancel() {
    cancelled = true;
    Upstream attempt = current.get();
    if (attempt != null && !attempt.ended) {
      attempt.cancel();
    } else {
      finish(() -> caller.onCancelled(Usage.NONE), Usage.NONE, null);
    }
  }

  /** Launches the next eligible deployment, or fails the call when none is left. */
  private void nextDeployment() {
    while (next < chain.size()) {
      Deployment d = chain.get(next++);
      if (execution.eligible(d, progress, deadline, log)) {
        if (attempt(d, 0, Duration.ZERO)) {
          return;
        }
      }
    }
    ProviderException failure = progress.exhausted(deadline, log.snapshot());
    finish(() -> caller.onError(failure, Usage.NONE), null, failure);
  }

  /** Starts one attempt; false when the deployment's circuit or limit refused it. */
  private boolean attempt(Deployment d, int retry, Duration wait) {
    if (cancelled) {
      finish(() -> caller.onCancelled(Usage.NONE), Usage.NONE, null);
      return true;
    }
    boolean last = next >= chain.size();
    Optional<Admission> admission = execution.admit(d, last, deadline, progress, log, retry, wait);
    if (admission.isEmpty()) {
      return false;
    }
    Upstream upstream = new Upstream(d, admission.get(), retry, wait);
    current.set(upstream);
    try {
      upstream.attach(
          d.adapter().stream(
              ClippedEndpoint.of(d.endpoint().get(), deadline),
              request.withModel(d.model()),
              upstream));
    } catch (ProviderException e) {
      upstream.onError(e, Usage.NONE);
    }
    if (cancelled) {
      upstream.cancel();
    }
    return true;
  }

  private void afterFailure(Upstream failed, ProviderException e, Usage usage) {
    progress.failed(failed.deployment, e);
    Step step =
        committed
            ? Step.of(Attempt.FollowUp.GAVE_UP)
            : execution.afterFailure(failed.deployment, e, failed.retry, failed.wait, deadline);
    log.add(failed.ended(e, step.then(), usage));
    switch (step.then()) {
      case GAVE_UP -> finish(() -> caller.onError(e, usage), null, e);
      case RETRIED -> later(() -> retry(failed, step.delay()));
      default -> later(this::nextDeployment);
    }
  }

  private void retry(Upstream failed, Duration wait) {
    execution.pause(wait);
    if (!attempt(failed.deployment, failed.retry + 1, wait)) {
      nextDeployment();
    }
  }

  private void later(Runnable task) {
    execution
        .executor()
        .execute(
            () -> {
              try {
                task.run();
              } catch (ProviderException e) {
                finish(() -> caller.onError(e, Usage.NONE), null, e);
              } catch (RuntimeException e) {
                ProviderException failure = unexpected(e);
                finish(() -> caller.onError(failure, Usage.NONE), null, failure);
              }
            });
  }

  private static ProviderException unexpected(RuntimeException e) {
    return ProviderException.builder(
            dev.switchboard.core.error.ErrorCategory.UNAVAILABLE,
            "the stream could not be continued: " + e.getClass().getSimpleName())
        .cause(e)
        .build();
  }

  /** Ends the call once: the caller's terminal callback, then the handle's completion. */
  private void finish(Runnable terminal, Usage usage, ProviderException error) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    try {
      terminal.run();
    } finally {
      if (error == null) {
        completion.complete(usage);
      } else {
        completion.completeExceptionally(error);
      }
    }
  }

  /** The listener of one attempt: passes events on, holding usage reports until the first token. */
  private final class Upstream implements StreamListener {
    final Deployment deployment;
    final Admission admission;
    final int retry;
    final Duration wait;
    final long startNanos = System.nanoTime();
    final List<StreamEvent> heldBack = new ArrayList<>();
    volatile StreamHandle handle;
    volatile boolean cancelRequested;
    volatile boolean ended;

    Upstream(Deployment deployment, Admission admission, int retry, Duration wait) {
      this.deployment = deployment;
      this.admission = admission;
      this.retry = retry;
      this.wait = wait;
    }

    /** Tells a {@link CommitAware} caller which deployment serves the stream. */
    private void announce() {
      if (caller instanceof CommitAware aware) {
        aware.committedTo(deployment, (int) log.snapshot().calls() + 1);
      }
    }

    void attach(StreamHandle h) {
      handle = h;
      if (cancelRequested) {
        h.cancel();
      } else if (paused) {
        h.pause();
      }
    }

    void cancel() {
      cancelRequested = true;
      StreamHandle h = handle;
      if (h != null) {
        h.cancel();
      }
    }

    @Override
    public void onEvent(StreamEvent event) {
      if (!committed && event instanceof StreamEvent.UsageReport) {
        heldBack.add(event);
        return;
      }
      if (!committed) {
        committed = true;
        announce();
        heldBack.forEach(caller::onEvent);
        heldBack.clear();
      }
      caller.onEvent(event);
    }

    @Override
    public void onComplete(Usage usage) {
      ended = true;
      admission.succeeded();
      if (!committed) {
        committed = true;
        announce();
      }
      heldBack.forEach(caller::onEvent);
      log.add(ended(null, Attempt.FollowUp.NONE, usage));
      finish(() -> caller.onComplete(usage), usage, null);
    }

    @Override
    public void onError(ProviderException error, Usage usageSoFar) {
      ended = true;
      admission.failed(error);
      afterFailure(this, error, usageSoFar);
    }

    @Override
    public void onCancelled(Usage usageSoFar) {
      ended = true;
      admission.released();
      log.add(
          new Attempt(
              deployment.id(),
              deployment.integrationId(),
              deployment.model(),
              Outcome.CANCELLED,
              null,
              retry,
              wait,
              Duration.ofNanos(System.nanoTime() - startNanos),
              Attempt.FollowUp.NONE,
              usageSoFar));
      finish(() -> caller.onCancelled(usageSoFar), usageSoFar, null);
    }

    Attempt ended(ProviderException error, Attempt.FollowUp then, Usage usage) {
      return execution.ended(
          deployment,
          error == null ? Outcome.SUCCEEDED : Outcome.FAILED,
          error == null ? null : error.category(),
          retry,
          wait,
          startNanos,
          then,
          usage);
    }
  }
}
