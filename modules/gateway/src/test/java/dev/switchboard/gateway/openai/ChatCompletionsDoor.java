package dev.switchboard.gateway.openai;

import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.gateway.conformance.Door;
import java.util.Map;

/** The Chat Completions door for the conformance suite, as {@link ChatCompletionsResource}. */
public final class ChatCompletionsDoor implements Door {

  private static final String ID = "chatcmpl-conformance";

  @Override
  public String name() {
    return "chat-completions";
  }

  @Override
  public String path() {
    return "/v1/chat/completions";
  }

  @Override
  public Parsed parse(byte[] body) {
    ChatCompletionRequest r = ChatCompletionParser.parse(body);
    return new Parsed(r.request(), r.stream(), r, Map.of());
  }

  @Override
  public byte[] reply(Parsed parsed, ChatResponse response) {
    return writer(parsed).completion(response);
  }

  @Override
  public StreamFraming framing(Parsed parsed) {
    return new ChatCompletionFraming(
        writer(parsed), ((ChatCompletionRequest) parsed.doorRequest()).includeUsage());
  }

  @Override
  public Answer failure(ProviderException error) {
    OpenAiErrors.Shape s = OpenAiErrors.of(error);
    return new Answer(
        s.status(),
        Answer.retryAfter("Retry-After", error.retryAfter()),
        ChatCompletionWriter.error(error.getMessage(), s.type(), null, s.code()));
  }

  private static ChatCompletionWriter writer(Parsed parsed) {
    return new ChatCompletionWriter(ID, parsed.chat().model(), 0);
  }
}
