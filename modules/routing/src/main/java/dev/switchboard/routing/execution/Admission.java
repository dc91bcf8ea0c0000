package dev.switchboard.routing.execution;

import dev.switchboard.core.error.ProviderException;
import dev.switchboard.routing.circuit.CircuitBreaker;
import dev.switchboard.routing.limit.ConcurrencyLimit;

/** A call let through by its integration's circuit and concurrency limit; ended exactly once. */
record Admission(CircuitBreaker.Permit permit, ConcurrencyLimit.Slot slot) {

  void succeeded() {
    slot.close();
    permit.onSuccess();
  }

  void failed(ProviderException error) {
    slot.close();
    permit.onFailure(error);
  }

  void released() {
    slot.close();
    permit.release();
  }
}
