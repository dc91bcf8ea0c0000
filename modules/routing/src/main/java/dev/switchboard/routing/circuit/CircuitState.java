package dev.switchboard.routing.circuit;

/** The three states of a circuit breaker. */
public enum CircuitState {
  /** Calls pass; consecutive counted failures are tallied. */
  CLOSED,
  /** Calls are refused at once until the open period has passed. */
  OPEN,
  /** A limited number of trial calls pass; their outcome closes or re-opens the circuit. */
  HALF_OPEN
}
