package dev.switchboard.core.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A chat completion request, independent of any provider. Optional settings are {@code null} when
 * the caller leaves them to the provider's default.
 *
 * @param model the model id as the provider knows it
 * @param messages the conversation, oldest first
 * @param tools functions the model may call
 * @param toolChoice the tool policy, or {@code null}
 * @param responseFormat the reply's shape, or {@code null} for text
 * @param temperature sampling temperature
 * @param topP nucleus sampling mass
 * @param maxOutputTokens the cap on generated tokens
 * @param stop stop sequences
 * @param seed a seed for providers that offer deterministic sampling
 * @param user an opaque end-user id, for the provider's abuse monitoring
 */
public record ChatRequest(
    String model,
    List<Message> messages,
    List<ToolDefinition> tools,
    ToolChoice toolChoice,
    ResponseFormat responseFormat,
    Double temperature,
    Double topP,
    Integer maxOutputTokens,
    List<String> stop,
    Long seed,
    String user) {

  public ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat request needs at least one message");
    }
    tools = tools == null ? List.of() : List.copyOf(tools);
    stop = stop == null ? List.of() : List.copyOf(stop);
    if (maxOutputTokens != null && maxOutputTokens <= 0) {
      throw new IllegalArgumentException("maxOutputTokens must be positive");
    }
  }

  public static Builder builder(String model) {
    return new Builder(model);
  }

  /** A copy of this request for another model id, e.g. a fallback deployment. */
  public ChatRequest withModel(String otherModel) {
    return new ChatRequest(
        otherModel,
        messages,
        tools,
        toolChoice,
        responseFormat,
        temperature,
        topP,
        maxOutputTokens,
        stop,
        seed,
        user);
  }

  /** Builds a request one setting at a time. */
  public static final class Builder {
    private final String model;
    private final List<Message> messages = new ArrayList<>();
    private final List<ToolDefinition> tools = new ArrayList<>();
    private final List<String> stop = new ArrayList<>();
    private ToolChoice toolChoice;
    private ResponseFormat responseFormat;
    private Double temperature;
    private Double topP;
    private Integer maxOutputTokens;
    private Long seed;
    private String user;

    private Builder(String model) {
      this.model = model;
    }

    public Builder message(Message message) {
      messages.add(message);
      return this;
    }

    public Builder system(String text) {
      return message(Message.system(text));
    }

    public Builder user(String text) {
      return message(Message.user(text));
    }

    public Builder tool(ToolDefinition tool) {
      tools.add(tool);
      return this;
    }

    public Builder toolChoice(ToolChoice choice) {
      this.toolChoice = choice;
      return this;
    }

    public Builder responseFormat(ResponseFormat format) {
      this.responseFormat = format;
      return this;
    }

    public Builder temperature(double value) {
      this.temperature = value;
      return this;
    }

    public Builder topP(double value) {
      this.topP = value;
      return this;
    }

    public Builder maxOutputTokens(int value) {
      this.maxOutputTokens = value;
      return this;
    }

    public Builder stop(String sequence) {
      stop.add(sequence);
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** The end-user id sent as the request's {@code user}; not a message. */
    public Builder endUser(String endUserId) {
      this.user = endUserId;
      return this;
    }

    public ChatRequest build() {
      return new ChatRequest(
          model,
          messages,
          tools,
          toolChoice,
          responseFormat,
          temperature,
          topP,
          maxOutputTokens,
          stop,
          seed,
          user);
    }
  }
}
