package dev.switchboard.gateway.openai;

import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.Usage;

/**
 * How one front door frames a routed stream on the wire, for {@link SseRelay}: OpenAI's chunks and
 * {@code [DONE]}, Anthropic's named events. Apart from {@link #opening} and {@link #closing}, every
 * method is called on the router's I/O thread, in the stream's order, and must not block; a framing
 * may keep state (which content block is open) between the calls of its one stream.
 */
public interface StreamFraming {

  /** Why the relay itself ended a stream. */
  enum Cut {
    /** The stream did not end within the relay's deadline. */
    DEADLINE,
    /** The caller read too slowly and the queue passed its bound. */
    BUFFER_FULL
  }

  /** What the response thread writes first, before any event; may be empty. */
  byte[] opening();

  /** One event's bytes, or {@code null} for an event with nothing to write. */
  byte[] event(StreamEvent event);

  /** The bytes that end a complete stream. */
  byte[] completed(Usage usage);

  /** The bytes that end a stream failed after its first token (the message already redacted). */
  byte[] failed(ProviderException error);

  /** The bytes that end a stream the relay cut off. */
  byte[] cutOff(String message, Cut why);

  /**
   * What the response thread writes after everything queued, once the stream has ended; may be
   * empty. Unlike the other methods it runs on the response thread and may block (the Responses
   * door stores the finished response here, before its last event reaches the caller).
   */
  default byte[] closing() {
    return new byte[0];
  }
}
