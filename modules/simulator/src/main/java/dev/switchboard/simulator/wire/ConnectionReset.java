package dev.switchboard.simulator.wire;

/**
 * Thrown from a family's code to drop the TCP connection without finishing the response: the router
 * resets the connection, before the terminating chunk is written, so the client sees an abrupt end
 * of the stream.
 */
public final class ConnectionReset extends RuntimeException {

  public ConnectionReset() {
    super("simulated connection reset", null, false, false);
  }
}
