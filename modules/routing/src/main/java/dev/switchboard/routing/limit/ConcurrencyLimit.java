package dev.switchboard.routing.limit;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * At most {@code max} calls in flight for one integration. Waiting for a slot is bounded by the
 * caller (the remaining deadline); the limit can change at runtime, and lowering it lets the calls
 * in flight finish.
 */
public final class ConcurrencyLimit {

  /** The provider code of the refusal. */
  public static final String REFUSED_CODE = "concurrency_limit";

  private final String integrationId;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private int max;
  private int inFlight;

  public ConcurrencyLimit(String integrationId, int max) {
    this.integrationId = integrationId;
    this.max = checked(max);
  }

  /** A slot if one is free now. */
  public Optional<Slot> tryAcquire() {
    return acquire(Duration.ZERO);
  }

  /**
   * A slot, waiting at most {@code maxWait} for one to free up; empty when none did.
   *
   * <p>An interrupted wait is a refusal (empty), with the interrupt flag kept.
   */
  public Optional<Slot> acquire(Duration maxWait) {
    long nanos = maxWait.isNegative() ? 0 : maxWait.toNanos();
    lock.lock();
    try {
      while (inFlight >= max) {
        if (nanos <= 0) {
          return Optional.empty();
        }
        nanos = released.awaitNanos(nanos);
      }
      inFlight++;
      return Optional.of(new Slot());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /** The failure a refused call reports: UNAVAILABLE, so routing falls back. */
  public ProviderException refusal() {
    return ProviderException.builder(
            ErrorCategory.UNAVAILABLE,
            "integration " + integrationId + " has all " + max() + " concurrent calls in use")
        .providerCode(REFUSED_CODE)
        .build();
  }

  public void resize(int newMax) {
    lock.lock();
    try {
      max = checked(newMax);
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public int max() {
    lock.lock();
    try {
      return max;
    } finally {
      lock.unlock();
    }
  }

  public int inFlight() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

  private void release() {
    lock.lock();
    try {
      inFlight--;
      released.signal();
    } finally {
      lock.unlock();
    }
  }

  private static int checked(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("a concurrency limit must be at least 1");
    }
    return max;
  }

  /** One call's place; closing it (once, idempotently) frees it. */
  public final class Slot implements AutoCloseable {
    private final AtomicBoolean closed = new AtomicBoolean();

    private Slot() {}

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        release();
      }
    }
  }
}
