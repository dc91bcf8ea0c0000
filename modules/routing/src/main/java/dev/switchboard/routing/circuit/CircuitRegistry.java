package dev.switchboard.routing.circuit;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * One circuit per integration id, created on first use. Settings are looked up on every access, so
 * an admin's change to one integration applies to its circuit at once and to no other.
 */
public final class CircuitRegistry {

  private final ConcurrentMap<String, CircuitBreaker> circuits = new ConcurrentHashMap<>();
  private final Function<String, CircuitSettings> settings;
  private final Clock clock;

  /**
   * @param settings the current settings of an integration; called on every access, so keep it
   *     cheap (a map lookup)
   */
  public CircuitRegistry(Function<String, CircuitSettings> settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Every integration with the default settings, on the system clock. */
  public static CircuitRegistry withDefaults() {
    return new CircuitRegistry(id -> CircuitSettings.DEFAULTS, Clock.systemUTC());
  }

  /** The integration's circuit, with its current settings. */
  public CircuitBreaker circuit(String integrationId) {
    CircuitSettings current = settings.apply(integrationId);
    CircuitBreaker breaker =
        circuits.computeIfAbsent(integrationId, id -> new CircuitBreaker(id, current, clock));
    if (!breaker.settings().equals(current)) {
      breaker.reconfigure(current);
    }
    return breaker;
  }

  /** Closes one integration's circuit; others are untouched. */
  public void reset(String integrationId) {
    CircuitBreaker breaker = circuits.get(integrationId);
    if (breaker != null) {
      breaker.reset();
    }
  }

  /** Forgets an integration, e.g. when it is deleted. */
  public void remove(String integrationId) {
    circuits.remove(integrationId);
  }

  /** Every known circuit, by integration id. */
  public List<CircuitSnapshot> snapshot() {
    return circuits.values().stream()
        .map(CircuitBreaker::snapshot)
        .sorted(Comparator.comparing(CircuitSnapshot::integrationId))
        .toList();
  }
}
