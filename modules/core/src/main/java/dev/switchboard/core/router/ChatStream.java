package dev.switchboard.core.router;

/** A routed stream in progress. */
public interface ChatStream {

  /** Stops the stream and closes the upstream call; the listener gets {@code onCancelled}. */
  void cancel();

  /**
   * Backpressure: stop reading from the upstream until {@link #resume}, because the caller is
   * slower than the provider. A no-op where the stream cannot pause.
   */
  default void pause() {}

  /** Reads from the upstream again after {@link #pause}. */
  default void resume() {}
}
