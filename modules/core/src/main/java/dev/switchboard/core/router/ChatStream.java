package dev.switchboard.core.router;

/** A routed stream in progress. */
public interface ChatStream {

  /** Stops the stream and closes the upstream call; the listener gets {@code onCancelled}. */
  void cancel();
}
