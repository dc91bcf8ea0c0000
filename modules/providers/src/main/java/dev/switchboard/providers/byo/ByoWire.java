package dev.switchboard.providers.byo;

import dev.switchboard.core.chat.ChatRequest;
import java.util.Map;
import java.util.Objects;

/**
 * A bring-your-own endpoint's wire, as an admin described it: the request body template, where the
 * reply keeps its text and counts, and how it streams.
 *
 * @param template the request body
 * @param response the mapping of a complete reply
 * @param stream the streaming description, or {@code null} when the endpoint does not stream
 * @param variables resolved values of the template's variable references (secret: never logged)
 * @param test the saved request a connection test sends, or {@code null} for a one-token "ping"
 */
public record ByoWire(
    RequestTemplate template,
    ResponseMapping response,
    StreamMapping stream,
    Map<String, String> variables,
    ChatRequest test) {

  /** A wire whose connection test sends the default "ping". */
  public ByoWire(
      RequestTemplate template,
      ResponseMapping response,
      StreamMapping stream,
      Map<String, String> variables) {
    this(template, response, stream, variables, null);
  }

  public ByoWire {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(response, "response");
    variables = variables == null ? Map.of() : Map.copyOf(variables);
  }

  @Override
  public String toString() {
    return "ByoWire[stream="
        + (stream == null ? "none" : stream.format())
        + ", variables="
        + new java.util.TreeSet<>(variables.keySet())
        + "]";
  }
}
