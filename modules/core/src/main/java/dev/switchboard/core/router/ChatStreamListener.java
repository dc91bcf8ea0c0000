package dev.switchboard.core.router;

import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.Usage;

/**
 * Receives a routed stream: each event as it arrives, then exactly one of {@link #onComplete},
 * {@link #onError} or {@link #onCancelled}. Called on an I/O thread: do not block.
 */
public interface ChatStreamListener {

  /** The deployment that will serve the stream, known before the first event. */
  default void onServedBy(String provider, String model, int attempts) {}

  void onEvent(StreamEvent event);

  void onComplete(Usage usage);

  void onError(ProviderException error, Usage usageSoFar);

  default void onCancelled(Usage usageSoFar) {}
}
