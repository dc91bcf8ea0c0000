package dev.switchboard.simulator.custom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.simulator.wire.Call;
import dev.switchboard.simulator.wire.EventStream;
import dev.switchboard.simulator.wire.Family;
import dev.switchboard.simulator.wire.Json;
import dev.switchboard.simulator.wire.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A self-hosted model of its own JSON shape under {@code /custom}, for bring-your-own endpoints:
 *
 * <ul>
 *   <li>{@code POST /generate} takes {@code {"input": "<prompt>", "params": {"max_tokens": n,
 *       "temperature": t}, "stream": false}} and answers {@code {"output": {"text", "stop",
 *       "echo"}, "meta": {"tokens_in", "tokens_out"}}}; with {@code "stream": true} it streams
 *       Server-Sent Events {@code data: {"delta": {"text"}}}, then {@code data: {"stop", "meta"}}
 *       and {@code data: [DONE]};
 *   <li>{@code POST /generate-ndjson} is the same with an NDJSON stream (no {@code [DONE]});
 *   <li>{@code POST /oauth2/token} issues expiring client-credentials tokens ({@link OAuthTokens}).
 * </ul>
 *
 * <p>{@code input} must be a string and {@code params.max_tokens} a number or null, so a template
 * that renders them wrongly is refused with 400. {@code output.echo} returns the input as received.
 * The model endpoints accept the simulator key as a bearer token, in {@code X-API-Key}, as the
 * password of HTTP Basic, or a token the token endpoint issued and that has not expired.
 */
public final class CustomFamily extends Family {

  private final OAuthTokens tokens = new OAuthTokens();

  public CustomFamily() {
    super("custom");
  }

  public OAuthTokens tokens() {
    return tokens;
  }

  @Override
  public boolean streams(Call call) throws IOException {
    return call.path().startsWith("/generate") && super.streams(call);
  }

  @Override
  public boolean authorized(Call call) {
    if (call.path().equals("/oauth2/token")) {
      return true; // the token endpoint checks the client itself
    }
    String auth = call.header("Authorization");
    if (call.bearerMatches() || call.apiKey().equals(call.header("X-API-Key"))) {
      return true;
    }
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return tokens.valid(auth.substring(7).trim());
    }
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair =
            new String(
                Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        return pair.endsWith(":" + call.apiKey());
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return false;
  }

  @Override
  public void handle(Call call) throws IOException {
    String path = call.path();
    if (path.equals("/oauth2/token")) {
      tokens.serve(call, call.apiKey());
    } else if ("POST".equals(call.method())
        && (path.equals("/generate") || path.equals("/generate-ndjson"))) {
      generate(call, call.json(), path.endsWith("-ndjson"));
    } else {
      unknownPath(call);
    }
  }

  private void generate(Call call, JsonNode request, boolean ndjson) throws IOException {
    JsonNode input = request.path("input");
    JsonNode max = request.path("params").path("max_tokens");
    if (!input.isTextual()) {
      sendError(call, 400, INVALID_REQUEST, "input must be a string");
      return;
    }
    if (!max.isMissingNode() && !max.isNull() && !max.isIntegralNumber()) {
      sendError(call, 400, INVALID_REQUEST, "params.max_tokens must be a number");
      return;
    }
    int in = Reply.words(input);
    int limit = max.isIntegralNumber() ? max.asInt() : Integer.MAX_VALUE;
    int out = Math.min(call.tokens(), limit);
    String stop = call.tokens() > limit ? "length" : "stop";
    if (!request.path("stream").asBoolean(false)) {
      ObjectNode body = Json.object();
      body.putObject("output")
          .put("text", Reply.content(out, false))
          .put("stop", stop)
          .put("echo", input.asText());
      body.putObject("meta").put("tokens_in", in).put("tokens_out", out);
      call.sendJson(200, body);
      return;
    }
    EventStream stream = call.stream(ndjson ? "application/x-ndjson" : "text/event-stream");
    boolean complete =
        stream.tokens(
            out,
            i ->
                frame(
                    Json.object()
                        .set("delta", Json.object().put("text", Reply.piece(i, out, false))),
                    ndjson),
            () ->
                frame(
                    Json.object().set("error", Json.object().put("message", "generation failed")),
                    ndjson));
    if (complete) {
      ObjectNode last = Json.object().put("stop", stop);
      last.putObject("meta").put("tokens_in", in).put("tokens_out", out);
      stream.write(frame(last, ndjson));
      if (!ndjson) {
        stream.sseRaw("[DONE]");
      }
    }
    stream.close();
  }

  private static byte[] frame(JsonNode data, boolean ndjson) {
    String text = Json.string(data);
    return Reply.utf8(ndjson ? text + "\n" : "data: " + text + "\n\n");
  }

  @Override
  public void sendError(Call call, int status, String code, String message) throws IOException {
    ObjectNode body = Json.object();
    body.putObject("error")
        .put("code", code == null ? "error_" + status : code)
        .put(
            "message",
            message != null
                ? message
                : status == 401 ? "unauthorized" : "simulated error " + status);
    call.sendJson(status, body);
  }
}
