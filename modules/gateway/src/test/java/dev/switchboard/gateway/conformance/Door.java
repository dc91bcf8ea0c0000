package dev.switchboard.gateway.conformance;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.gateway.openai.StreamFraming;

/**
 * One front door as the conformance suite drives it: the same parser, writer, stream framing and
 * error shape its resource uses, without the container around them (keys, limits and headers are
 * the resources' own tests' business). Each door's implementation lives in the door's package,
 * where the translation classes are visible.
 */
public interface Door {

  /** The door's name, the folder of its transcripts. */
  String name();

  /** The request path a caller posts to. */
  String path();

  /** The request as the resource parses it; a refusal throws the door's own exception. */
  Parsed parse(byte[] body);

  /** The body of a non-streamed answer. */
  byte[] reply(Parsed parsed, ChatResponse response);

  /** A fresh framing for one stream of this request. */
  StreamFraming framing(Parsed parsed);

  /** The status and body the door's exception mapper answers for a routed call's failure. */
  Answer failure(ProviderException error);

  /**
   * What the door hands the router, whether the caller asked for a stream, the door's own parsed
   * request, and the headers the door adds to every answer (Messages: what it dropped).
   */
  record Parsed(
      ChatRequest chat,
      boolean stream,
      Object doorRequest,
      java.util.Map<String, String> headers) {}

  /** A status, the headers the exception mapper adds (retry-after), and a body. */
  record Answer(int status, java.util.Map<String, String> headers, byte[] body) {

    public static java.util.Map<String, String> retryAfter(
        String header, java.util.Optional<java.time.Duration> after) {
      return after
          .map(d -> java.util.Map.of(header, String.valueOf(Math.max(1, d.toSeconds()))))
          .orElse(java.util.Map.of());
    }
  }
}
