package dev.switchboard.simulator.wire;

/** Sleeping on a simulator thread: an interrupt (server shutdown) drops the connection. */
final class Pause {

  private Pause() {}

  static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionReset();
    }
  }
}
