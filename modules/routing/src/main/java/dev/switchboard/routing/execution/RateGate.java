package dev.switchboard.routing.execution;

import dev.switchboard.core.error.ProviderException;
import java.util.Optional;

/**
 * An integration's request allowance, asked before each upstream call (retries included). A refused
 * deployment is skipped like one whose circuit is open.
 */
@FunctionalInterface
public interface RateGate {

  /** Admits everything. */
  RateGate OPEN = integrationId -> Optional.empty();

  /**
   * Takes one request from the integration's allowance.
   *
   * @return empty when admitted; the refusal ({@code RATE_LIMITED}, naming the limit) otherwise
   */
  Optional<ProviderException> tryAcquire(String integrationId);
}
