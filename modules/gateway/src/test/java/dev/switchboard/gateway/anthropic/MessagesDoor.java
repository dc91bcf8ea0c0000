package dev.switchboard.gateway.anthropic;

import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.gateway.conformance.Door;
import dev.switchboard.gateway.openai.StreamFraming;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;

/** The Messages door for the conformance suite, as {@link MessagesResource} composes it. */
public final class MessagesDoor implements Door {

  /** The message id the resource would derive from the call's request id. */
  static final String ID = "msg_conformance";

  @Override
  public String name() {
    return "messages";
  }

  @Override
  public String path() {
    return "/v1/messages";
  }

  @Override
  public Parsed parse(byte[] body) {
    MessagesRequest r = MessagesParser.parse(body);
    Map<String, String> headers =
        r.dropped().isEmpty()
            ? Map.of()
            : Map.of(MessagesResource.DROPPED_HEADER, String.join(",", new TreeSet<>(r.dropped())));
    return new Parsed(r.request(), r.stream(), r, headers);
  }

  @Override
  public byte[] reply(Parsed parsed, ChatResponse response) {
    return MessageWriter.message(ID, parsed.chat().model(), response)
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public StreamFraming framing(Parsed parsed) {
    return new MessagesFraming(ID, parsed.chat().model());
  }

  @Override
  public Answer failure(ProviderException error) {
    AnthropicApiException e = AnthropicErrors.of(error);
    return new Answer(
        e.status(),
        Answer.retryAfter("retry-after", java.util.Optional.ofNullable(e.retryAfter())),
        AnthropicErrors.error(e.type(), e.getMessage())
            .toString()
            .getBytes(StandardCharsets.UTF_8));
  }
}
