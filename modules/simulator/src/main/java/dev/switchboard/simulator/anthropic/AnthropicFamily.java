package dev.switchboard.simulator.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.simulator.http.Headers;
import dev.switchboard.simulator.wire.Call;
import dev.switchboard.simulator.wire.Family;
import dev.switchboard.simulator.wire.Json;
import dev.switchboard.simulator.wire.Models;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Anthropic's Messages API under {@code /anthropic/v1}: {@code messages} (streaming, tool use),
 * {@code messages/count_tokens} and {@code models}. The key comes in {@code x-api-key} or, as
 * anthropic-java 3.x sends it, {@code Authorization: Bearer}; {@code anthropic-version} is required
 * and must be one of the published versions.
 */
public final class AnthropicFamily extends Family {

  static final String[] MODELS = {
    "claude-sonnet-4-5",
    "claude-haiku-4-5",
    "claude-opus-4-1",
    "claude-sonnet-4-5-20250929",
    "claude-haiku-4-5-20251001",
    "claude-opus-4-1-20250805",
    "claude-sonnet-4-20250514",
    "claude-opus-4-20250514",
    "claude-3-7-sonnet-20250219",
    "claude-3-5-haiku-20241022"
  };

  /**
   * The published API versions: the original, the one every client sent until 2026, and the one
   * anthropic-java 3.x sends by default.
   */
  static final Set<String> VERSIONS = Set.of("2023-01-01", "2023-06-01", "2026-10-21");

  private final AnthropicMessages messages = new AnthropicMessages(this);

  public AnthropicFamily() {
    super("anthropic", Models.of(MODELS));
  }

  @Override
  public boolean authorized(Call call) {
    String apiKey = call.header("x-api-key");
    if (apiKey != null) {
      return call.apiKey().equals(apiKey);
    }
    return call.bearerMatches();
  }

  @Override
  public void handle(Call call) throws IOException {
    addHeaders(call);
    String version = call.header("anthropic-version");
    if (version == null) {
      sendError(call, 400, INVALID_REQUEST, "anthropic-version: header is required");
      return;
    }
    if (!VERSIONS.contains(version)) {
      sendError(
          call,
          400,
          INVALID_REQUEST,
          "anthropic-version: \"" + version + "\" is not a valid version");
      return;
    }
    String path = call.path();
    boolean post = "POST".equals(call.method());
    if (post && path.equals("/v1/messages")) {
      messages.create(call, call.json());
    } else if (post && path.equals("/v1/messages/count_tokens")) {
      messages.countTokens(call, call.json());
    } else if (path.equals("/v1/models")) {
      ObjectNode list = Json.object();
      List<String> ids = models().ids();
      for (String model : ids) {
        list.withArray("data").add(model(model));
      }
      list.put("has_more", false).put("first_id", ids.get(0));
      list.put("last_id", ids.get(ids.size() - 1));
      call.sendJson(200, list);
    } else if (path.startsWith("/v1/models/")) {
      String id = path.substring("/v1/models/".length());
      if (!models().serves(id)) {
        sendError(call, 404, MODEL_NOT_FOUND, modelNotFoundMessage(id));
      } else {
        call.sendJson(200, model(id));
      }
    } else {
      sendError(call, 404, NOT_FOUND, "Not Found");
    }
  }

  private static ObjectNode model(String id) {
    return Json.object()
        .put("type", "model")
        .put("id", id)
        .put("display_name", id)
        .put("created_at", "2025-01-01T00:00:00Z");
  }

  private static void addHeaders(Call call) {
    Headers h = call.responseHeaders();
    h.set("request-id", "req_sim" + call.id());
    h.set("anthropic-ratelimit-requests-limit", "4000");
    h.set("anthropic-ratelimit-requests-remaining", "3999");
    h.set("anthropic-ratelimit-requests-reset", "2030-01-01T00:00:00Z");
    h.set("anthropic-ratelimit-tokens-limit", "400000");
    h.set("anthropic-ratelimit-tokens-remaining", "399000");
    h.set("anthropic-ratelimit-tokens-reset", "2030-01-01T00:00:00Z");
  }

  @Override
  protected String modelNotFoundMessage(String model) {
    return "model: " + model;
  }

  @Override
  protected String contextLengthMessage(int tokens, int limit) {
    return "prompt is too long: " + tokens + " tokens > " + limit + " maximum";
  }

  @Override
  public void sendError(Call call, int status, String code, String message) throws IOException {
    addHeaders(call);
    if (status == 429 && !call.specifiesRetry()) {
      call.responseHeaders().set("retry-after", "1");
    }
    String type = call.fault().text("type", type(status, code));
    call.sendJson(status, error(type, message != null ? message : defaultMessage(type), call));
  }

  /** The error body, also the data of the mid-stream {@code event: error}. */
  static ObjectNode error(String type, String message, Call call) {
    ObjectNode body = Json.object().put("type", "error");
    body.putObject("error").put("type", type).put("message", message);
    body.put("request_id", "req_sim" + call.id());
    return body;
  }

  private static String type(int status, String code) {
    if (code != null) {
      return switch (code) {
        case INVALID_KEY -> "authentication_error";
        case MODEL_NOT_FOUND, NOT_FOUND -> "not_found_error";
        case CONTEXT_LENGTH, INVALID_REQUEST -> "invalid_request_error";
        default -> code;
      };
    }
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 402 -> "billing_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 504 -> "timeout_error";
      case 529 -> "overloaded_error";
      default -> "api_error";
    };
  }

  private static String defaultMessage(String type) {
    return switch (type) {
      case "authentication_error" -> "invalid x-api-key";
      case "rate_limit_error" ->
          "This request would exceed the rate limit for your organization. Please try again later.";
      case "overloaded_error" -> "Overloaded";
      case "billing_error" -> "Your credit balance is too low to access the Anthropic API.";
      case "api_error" -> "Internal server error";
      default -> "Simulated " + type;
    };
  }
}
