package dev.switchboard.routing.circuit;

import java.time.Duration;
import java.util.Objects;

/**
 * How one integration's circuit behaves.
 *
 * @param failureThreshold consecutive counted failures that open the circuit
 * @param openFor how long an open circuit refuses calls before it admits trials
 * @param halfOpenTrials trial calls admitted at once while half-open
 * @param successesToClose successful trials that close the circuit
 */
public record CircuitSettings(
    int failureThreshold, Duration openFor, int halfOpenTrials, int successesToClose) {

  /** Open after 5 consecutive failures, half-open after 60 s, one trial at a time, one to close. */
  public static final CircuitSettings DEFAULTS =
      new CircuitSettings(5, Duration.ofSeconds(60), 1, 1);

  public CircuitSettings {
    Objects.requireNonNull(openFor, "openFor");
    if (failureThreshold < 1 || halfOpenTrials < 1 || successesToClose < 1) {
      throw new IllegalArgumentException("circuit thresholds must be at least 1");
    }
    if (openFor.isNegative()) {
      throw new IllegalArgumentException("openFor cannot be negative");
    }
  }
}
