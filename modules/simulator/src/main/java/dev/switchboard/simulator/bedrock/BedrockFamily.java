package dev.switchboard.simulator.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.simulator.aws.AwsAccount;
import dev.switchboard.simulator.aws.EventFrames;
import dev.switchboard.simulator.aws.SigV4Check;
import dev.switchboard.simulator.wire.Call;
import dev.switchboard.simulator.wire.EventStream;
import dev.switchboard.simulator.wire.Family;
import dev.switchboard.simulator.wire.Json;
import dev.switchboard.simulator.wire.Reply;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Amazon Bedrock Runtime under {@code /bedrock}: {@code POST /model/{modelId}/converse} and {@code
 * /model/{modelId}/converse-stream}. Every request must carry a valid SigV4 signature for service
 * {@code bedrock} (long-term key, or STS session credentials until they expire). Errors are
 * REST-JSON: the type in {@code x-amzn-ErrorType}, {@code {"message": ...}} in the body.
 */
public final class BedrockFamily extends Family {

  static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

  private final SigV4Check signatures;

  public BedrockFamily(AwsAccount account) {
    super("bedrock");
    this.signatures = new SigV4Check(account);
  }

  @Override
  public boolean authorized(Call call) {
    return signatures.accepts(call, "bedrock");
  }

  @Override
  public boolean streams(Call call) {
    return call.path().endsWith("/converse-stream");
  }

  @Override
  public void handle(Call call) throws IOException {
    String path = call.path();
    call.responseHeaders().set("x-amzn-RequestId", requestId(call));
    if (!"POST".equals(call.method()) || !path.startsWith("/model/")) {
      unknownPath(call);
      return;
    }
    String rest = path.substring("/model/".length());
    int slash = rest.lastIndexOf('/');
    if (slash <= 0) {
      unknownPath(call);
      return;
    }
    String modelId = URLDecoder.decode(rest.substring(0, slash), StandardCharsets.UTF_8);
    String operation = rest.substring(slash + 1);
    if (!operation.equals("converse") && !operation.equals("converse-stream")) {
      unknownPath(call);
      return;
    }
    JsonNode request = call.json();
    JsonNode messages = request.path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      sendError(call, 400, INVALID_REQUEST, "A conversation must start with a user message.");
      return;
    }
    int input = Reply.inputTokens(messages) + Reply.inputTokensOfOne(request.path("system"));
    if (rejectModel(call, modelName(modelId), input)) {
      return;
    }
    int cached = Math.min(call.cachedTokens(), input);
    int written = Math.min(call.cacheWriteTokens(), input - cached);
    JsonNode maxNode = request.path("inferenceConfig").path("maxTokens");
    int max = maxNode.canConvertToInt() ? maxNode.asInt() : Integer.MAX_VALUE;
    int output = Math.min(call.tokens(), max);
    Turn turn =
        new Turn(
            call,
            input - cached - written,
            cached,
            written,
            output,
            call.tokens() > max ? "max_tokens" : "end_turn");
    if (operation.equals("converse")) {
      ObjectNode body = Json.object();
      ObjectNode message = body.putObject("output").putObject("message");
      message.put("role", "assistant").putArray("content").addObject().put("text", text(output));
      body.put("stopReason", turn.stop());
      body.set("usage", usage(turn));
      body.putObject("metrics").put("latencyMs", 1);
      call.sendJson(200, body);
    } else {
      stream(turn);
    }
  }

  /** The model part of an id or ARN: {@code .../anthropic.claude-3-5-sonnet} -> its last part. */
  private static String modelName(String modelId) {
    return modelId.substring(modelId.lastIndexOf('/') + 1);
  }

  private record Turn(Call call, int input, int cached, int written, int output, String stop) {}

  private static String text(int n) {
    return Reply.text(n);
  }

  private static ObjectNode usage(Turn t) {
    ObjectNode u = Json.object().put("inputTokens", t.input()).put("outputTokens", t.output());
    u.put("totalTokens", t.input() + t.cached() + t.written() + t.output());
    if (t.cached() > 0 || t.written() > 0) {
      u.put("cacheReadInputTokens", t.cached()).put("cacheWriteInputTokens", t.written());
    }
    return u;
  }

  /**
   * The event stream of a ConverseStream. Besides the shared stream faults, two break the framing
   * itself: {@code bad-crc-after=k} sends token frame k with a wrong message CRC (the rest follows
   * intact), {@code truncate-after=k} sends only the first half of token frame k and then ends the
   * HTTP body cleanly, so nothing but the frame tells that the stream was cut.
   */
  private static void stream(Turn t) throws IOException {
    EventStream out = t.call().stream(EVENT_STREAM);
    long badCrcAt = t.call().fault().number("bad-crc-after", -1);
    long truncateAt = t.call().fault().number("truncate-after", -1);
    boolean truncated = truncateAt >= 0 && truncateAt < t.output();
    out.write(event("messageStart", Json.object().put("role", "assistant")));
    boolean complete =
        out.tokens(
            truncated ? (int) truncateAt + 1 : t.output(),
            i -> {
              ObjectNode delta = Json.object().put("contentBlockIndex", 0);
              delta.putObject("delta").put("text", Reply.token(i));
              byte[] frame = event("contentBlockDelta", delta);
              if (i == badCrcAt) {
                frame[frame.length - 1] ^= 0x5A; // the message CRC's last byte
              }
              return i == truncateAt ? Arrays.copyOf(frame, frame.length / 2) : frame;
            },
            () ->
                EventFrames.exception(
                    "serviceUnavailableException",
                    Json.bytes(
                        Json.object()
                            .put("message", "Bedrock is unable to process your request."))));
    complete = complete && !truncated;
    if (complete) {
      out.write(event("contentBlockStop", Json.object().put("contentBlockIndex", 0)));
      out.write(event("messageStop", Json.object().put("stopReason", t.stop())));
    }
    if (complete && !t.call().fault().has("no-usage")) {
      ObjectNode metadata = Json.object();
      metadata.set("usage", usage(t));
      metadata.putObject("metrics").put("latencyMs", 1);
      out.write(event("metadata", metadata));
    }
    out.close();
  }

  private static byte[] event(String type, ObjectNode payload) {
    return EventFrames.event(type, Json.bytes(payload));
  }

  private static String requestId(Call call) {
    return "00000000-0000-4000-a000-" + String.format("%012d", Long.parseLong(call.id()));
  }

  @Override
  protected String modelNotFoundMessage(String model) {
    return "The provided model identifier is invalid.";
  }

  @Override
  protected String contextLengthMessage(int tokens, int limit) {
    return "The model returned the following errors: Input is too long for requested model.";
  }

  @Override
  public void sendError(Call call, int status, String code, String message) throws IOException {
    String type;
    String text = message;
    if (INVALID_KEY.equals(code)) {
      SigV4Check.Verdict verdict = signatures.verify(call, "bedrock");
      status = 403;
      type = verdict == SigV4Check.Verdict.OK ? "AccessDeniedException" : verdict.code();
      text = verdict.message();
    } else {
      type = type(status, code);
    }
    call.responseHeaders().set("x-amzn-RequestId", requestId(call));
    call.responseHeaders()
        .set("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
    ObjectNode body = Json.object().put("message", text != null ? text : defaultMessage(type));
    call.sendJson(status, body);
  }

  private static String type(int status, String code) {
    if (code != null) {
      return switch (code) {
        case MODEL_NOT_FOUND, NOT_FOUND -> "ResourceNotFoundException";
        case CONTEXT_LENGTH, INVALID_REQUEST -> "ValidationException";
        default -> code;
      };
    }
    return switch (status) {
      case 400 -> "ValidationException";
      case 403 -> "AccessDeniedException";
      case 404 -> "ResourceNotFoundException";
      case 408 -> "ModelTimeoutException";
      case 424 -> "ModelErrorException";
      case 429 -> "ThrottlingException";
      case 503 -> "ServiceUnavailableException";
      default -> "InternalServerException";
    };
  }

  private static String defaultMessage(String type) {
    return switch (type) {
      case "ThrottlingException" -> "Too many requests, please wait before trying again.";
      case "ModelNotReadyException" -> "Model is not ready to serve inference requests.";
      case "ModelTimeoutException" -> "Model has timed out in processing the request.";
      case "ServiceUnavailableException" -> "Bedrock is unable to process your request.";
      case "AccessDeniedException" ->
          "You don't have access to the model with the specified model ID.";
      default -> "Simulated " + type;
    };
  }
}
