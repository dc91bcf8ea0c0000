package dev.switchboard.simulator.wire;

/** A request the simulator refuses with the family's 400 error (invalid JSON, bad fault spec). */
public final class BadRequest extends RuntimeException {

  public BadRequest(String message) {
    super(message, null, false, false);
  }
}
