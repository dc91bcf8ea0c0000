package dev.switchboard.routing.execution;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects a call's attempts as they end. The caller creates it and passes it in, so the attempts
 * of a call that failed are as available as those of one that succeeded. Thread-safe: a stream's
 * attempts end on HTTP client threads.
 */
public final class AttemptLog {

  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

  void add(Attempt attempt) {
    attempts.add(attempt);
  }

  public Attempts snapshot() {
    return new Attempts(attempts);
  }
}
