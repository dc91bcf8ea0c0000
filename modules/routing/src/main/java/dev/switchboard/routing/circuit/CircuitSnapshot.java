package dev.switchboard.routing.circuit;

import java.time.Instant;
import java.util.Optional;

/**
 * One circuit's state at a moment, for statistics and the console.
 *
 * @param integrationId the integration the circuit belongs to
 * @param state its state
 * @param consecutiveFailures counted failures in a row while closed
 * @param trialsInFlight trial calls running while half-open
 * @param openedAt when it last opened, if it is open or half-open
 * @param timesOpened how often it opened since it was created or reset
 */
public record CircuitSnapshot(
    String integrationId,
    CircuitState state,
    int consecutiveFailures,
    int trialsInFlight,
    Optional<Instant> openedAt,
    long timesOpened) {}
