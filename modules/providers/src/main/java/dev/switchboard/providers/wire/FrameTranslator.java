package dev.switchboard.providers.wire;

/**
 * An adapter's reading of its stream: one instance per stream, fed each frame in order. It emits
 * events and usage through the session and marks the provider's terminal frame.
 */
public interface FrameTranslator {

  /**
   * Handles one frame.
   *
   * @throws WireFormatException or any runtime exception when the frame is malformed; the session
   *     then fails the stream as an upstream protocol error
   */
  void onFrame(SseEvent frame, StreamSession session);
}
