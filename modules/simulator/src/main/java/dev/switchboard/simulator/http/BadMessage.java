package dev.switchboard.simulator.http;

/** A request that cannot be parsed: answered with {@link #status()}, then the connection closes. */
final class BadMessage extends RuntimeException {

  private final int status;

  BadMessage(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
