package dev.switchboard.gateway.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.gateway.conformance.Door;
import dev.switchboard.gateway.openai.ChatCompletionsDoor;
import dev.switchboard.gateway.openai.StreamFraming;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The Responses door for the conformance suite, as {@link ResponsesResource} composes it for a
 * request without {@code previous_response_id} and with {@code store: false} (no database).
 */
public final class ResponsesDoor implements Door {

  private static final String ID = "resp_conformance";
  private static final ChatCompletionsDoor CHAT = new ChatCompletionsDoor();

  @Override
  public String name() {
    return "responses";
  }

  @Override
  public String path() {
    return "/v1/responses";
  }

  @Override
  public Parsed parse(byte[] body) {
    ResponsesRequest r = ResponsesParser.parse(body);
    return new Parsed(r.toChat(List.of()), r.stream(), r, Map.of());
  }

  @Override
  public byte[] reply(Parsed parsed, ChatResponse response) {
    try {
      return ResponseObject.JSON.writeValueAsBytes(response(parsed).completed(response));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public StreamFraming framing(Parsed parsed) {
    return new ResponseEvents(response(parsed), done -> {});
  }

  /** The same mapper as Chat Completions': OpenAI's error shape. */
  @Override
  public Answer failure(ProviderException error) {
    return CHAT.failure(error);
  }

  private static ResponseObject response(Parsed parsed) {
    return new ResponseObject(ID, 0, (ResponsesRequest) parsed.doorRequest());
  }
}
