package dev.switchboard.integrations;

/**
 * The wire of a bring-your-own integration as a caller describes it. The integration itself (name,
 * endpoint URL as {@code baseUrl}, headers, model names, auth profile) is an ordinary integration
 * of provider {@code byo}.
 *
 * @param requestTemplate the request body: a JSON object, or a string holding one; string values
 *     may be placeholders ({@code "{{prompt}}"}, {@code "{{messages}}"}, {@code "{{max_tokens}}"},
 *     {@code "{{temperature}}"}, {@code "{{stream}}"}, {@code "{{env.NAME}}"}, ...)
 * @param response where the reply keeps its text, finish reason and token counts
 * @param stream how the endpoint streams, or {@code null} when it does not
 * @param testPayload what the connection test sends: {@code {"messages": [{"role", "content"}],
 *     "max_tokens": n, "temperature": t}}, a JSON object or a string holding one; {@code null} for
 *     a one-token "ping"
 */
public record CustomLlmDraft(
    Object requestTemplate, Mapping response, Streaming stream, Object testPayload) {

  /**
   * JSON paths into a complete reply ({@code $.a.b[0].c}).
   *
   * @param textPath required
   * @param inputTokensPath without token paths usage is estimated, and marked so
   */
  public record Mapping(
      String textPath, String finishReasonPath, String inputTokensPath, String outputTokensPath) {}

  /**
   * A streaming endpoint.
   *
   * @param format {@code sse} or {@code ndjson}
   * @param deltaPath the text of each event (required)
   * @param finishReasonPath the finish reason of the last event; an event where it has a value ends
   *     the stream (as {@code data: [DONE]} does)
   * @param inputTokensPath the prompt tokens in the final event(s)
   * @param outputTokensPath the generated tokens in the final event(s)
   */
  public record Streaming(
      String format,
      String deltaPath,
      String finishReasonPath,
      String inputTokensPath,
      String outputTokensPath) {}
}
