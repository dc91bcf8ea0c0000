package dev.switchboard.routing.circuit;

import dev.switchboard.core.error.ProviderException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One integration's circuit breaker. Closed, it counts consecutive provider failures (see {@link
 * FailureKind}) and opens at the threshold; open, it refuses calls until the open period has
 * passed; half-open, it admits at most {@code halfOpenTrials} calls at once, closes after {@code
 * successesToClose} trial successes and re-opens on a trial failure.
 *
 * <p>Thread-safe with one small lock: every transition is a few field writes. An outcome reported
 * for a call admitted under an earlier state (a closed-state call finishing after the circuit
 * opened) is ignored, so a late straggler cannot close a circuit that a trial has not tested.
 */
public final class CircuitBreaker {

  private final String integrationId;
  private final Clock clock;
  private volatile CircuitSettings settings;

  private CircuitState state = CircuitState.CLOSED;
  private long generation;
  private int consecutiveFailures;
  private int trialsInFlight;
  private int trialSuccesses;
  private Instant openedAt;
  private long timesOpened;

  public CircuitBreaker(String integrationId, CircuitSettings settings, Clock clock) {
    this.integrationId = Objects.requireNonNull(integrationId, "integrationId");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public String integrationId() {
    return integrationId;
  }

  public CircuitSettings settings() {
    return settings;
  }

  /** New settings, applied from the next call on; the current state is kept. */
  public void reconfigure(CircuitSettings newSettings) {
    this.settings = Objects.requireNonNull(newSettings, "settings");
  }

  /**
   * Admits a call, or refuses it when open (or half-open with every trial slot taken). The caller
   * must end an admitted call's permit exactly once.
   */
  public synchronized Optional<Permit> tryAcquire() {
    refreshOpen();
    switch (state) {
      case CLOSED:
        return Optional.of(new Permit(generation, false));
      case HALF_OPEN:
        if (trialsInFlight < settings.halfOpenTrials()) {
          trialsInFlight++;
          return Optional.of(new Permit(generation, true));
        }
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }

  /** Whether a call would be admitted now, without reserving anything (for load balancing). */
  public synchronized boolean admitsCalls() {
    refreshOpen();
    return state == CircuitState.CLOSED
        || (state == CircuitState.HALF_OPEN && trialsInFlight < settings.halfOpenTrials());
  }

  public synchronized CircuitState state() {
    refreshOpen();
    return state;
  }

  /** Closes the circuit and forgets its counts, e.g. after an admin fixed the integration. */
  public synchronized void reset() {
    transition(CircuitState.CLOSED);
    timesOpened = 0;
  }

  public synchronized CircuitSnapshot snapshot() {
    refreshOpen();
    return new CircuitSnapshot(
        integrationId,
        state,
        consecutiveFailures,
        trialsInFlight,
        state == CircuitState.CLOSED ? Optional.empty() : Optional.ofNullable(openedAt),
        timesOpened);
  }

  private void refreshOpen() {
    if (state == CircuitState.OPEN
        && !clock.instant().isBefore(openedAt.plus(settings.openFor()))) {
      transition(CircuitState.HALF_OPEN);
    }
  }

  private void transition(CircuitState next) {
    state = next;
    generation++;
    consecutiveFailures = 0;
    trialsInFlight = 0;
    trialSuccesses = 0;
    if (next == CircuitState.OPEN) {
      openedAt = clock.instant();
      timesOpened++;
    }
  }

  private synchronized void complete(Permit permit, Boolean success) {
    if (permit.generation != generation) {
      return;
    }
    if (permit.trial) {
      trialsInFlight--;
    }
    if (success == null) {
      return;
    }
    if (state == CircuitState.CLOSED) {
      consecutiveFailures = success ? 0 : consecutiveFailures + 1;
      if (consecutiveFailures >= settings.failureThreshold()) {
        transition(CircuitState.OPEN);
      }
    } else if (state == CircuitState.HALF_OPEN) {
      if (!success) {
        transition(CircuitState.OPEN);
      } else if (++trialSuccesses >= settings.successesToClose()) {
        transition(CircuitState.CLOSED);
      }
    }
  }

  /** One admitted call. End it once: success, failure, or release without an outcome. */
  public final class Permit {
    private final long generation;
    private final boolean trial;
    private final AtomicBoolean ended = new AtomicBoolean();

    private Permit(long generation, boolean trial) {
      this.generation = generation;
      this.trial = trial;
    }

    /** Whether this call is a half-open trial. */
    public boolean trial() {
      return trial;
    }

    public void onSuccess() {
      end(Boolean.TRUE);
    }

    /** Counts the failure only when {@link FailureKind} says it is the provider's. */
    public void onFailure(ProviderException error) {
      end(FailureKind.of(error) == FailureKind.PROVIDER_FAILURE ? Boolean.FALSE : null);
    }

    /** The call did not happen or says nothing about the provider (e.g. cancelled). */
    public void release() {
      end(null);
    }

    private void end(Boolean success) {
      if (ended.compareAndSet(false, true)) {
        complete(this, success);
      }
    }
  }
}
