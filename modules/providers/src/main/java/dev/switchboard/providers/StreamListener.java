package dev.switchboard.providers;

import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.Usage;

/**
 * Receives a streamed chat reply as it arrives. Calls come from an HTTP client thread, one at a
 * time and in order: any number of {@link #onEvent}, then exactly one of {@link #onComplete},
 * {@link #onError} or {@link #onCancelled}. A listener must not block for long: it holds the
 * connection's reader.
 */
public interface StreamListener {

  /** The next event, delivered as soon as its bytes arrived; never buffered to the end. */
  void onEvent(StreamEvent event);

  /**
   * The stream ended normally.
   *
   * @param usage the final usage: {@code REPORTED} when the provider sent it, {@code ESTIMATED}
   *     when it did not
   */
  void onComplete(Usage usage);

  /**
   * The stream failed: before the first byte, or mid-stream (connection reset, error event, idle or
   * total timeout). Tokens were possibly used all the same.
   *
   * @param error what went wrong
   * @param usageSoFar the last usage known, marked {@code INCOMPLETE}, or an {@code ESTIMATED} one
   *     when the provider had reported nothing
   */
  void onError(ProviderException error, Usage usageSoFar);

  /**
   * The caller cancelled the stream through its {@link StreamHandle}; the upstream connection is
   * closed. The default does nothing.
   *
   * @param usageSoFar as for {@link #onError}
   */
  default void onCancelled(Usage usageSoFar) {}
}
