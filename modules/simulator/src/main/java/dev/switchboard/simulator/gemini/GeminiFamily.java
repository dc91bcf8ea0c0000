package dev.switchboard.simulator.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.simulator.wire.Call;
import dev.switchboard.simulator.wire.Family;
import dev.switchboard.simulator.wire.Json;
import dev.switchboard.simulator.wire.Models;
import dev.switchboard.simulator.wire.Reply;
import java.io.IOException;

/**
 * The Gemini API under {@code /gemini/v1beta} (or {@code /v1}): {@code models/{m}:generateContent},
 * {@code :streamGenerateContent}, {@code :countTokens}, {@code :embedContent}, {@code
 * :batchEmbedContents} and the model list. Credential: {@code x-goog-api-key} (or {@code ?key=}).
 * Like the real API, a wrong key is a 400 {@code INVALID_ARGUMENT} (reason {@code API_KEY_INVALID})
 * and a missing one a 403 {@code PERMISSION_DENIED}.
 */
public final class GeminiFamily extends Family {

  static final String[] MODELS = {
    "gemini-2.5-flash",
    "gemini-2.5-pro",
    "gemini-2.5-flash-lite",
    "gemini-2.0-flash",
    "gemini-2.0-flash-lite",
    "text-embedding-004",
    "gemini-embedding-001"
  };

  private final GeminiGenerate generate = new GeminiGenerate(this);

  public GeminiFamily() {
    super("gemini", Models.of(MODELS));
  }

  @Override
  public boolean authorized(Call call) {
    String key = call.header("x-goog-api-key");
    return call.apiKey().equals(key != null ? key : call.query("key"));
  }

  @Override
  public boolean streams(Call call) {
    return call.path().endsWith(":streamGenerateContent");
  }

  @Override
  public void handle(Call call) throws IOException {
    String path = call.path();
    int models = path.indexOf("/models");
    String version = models > 0 ? path.substring(1, models) : "";
    if (!version.equals("v1beta") && !version.equals("v1")) {
      sendError(call, 404, NOT_FOUND, "Not Found");
      return;
    }
    String rest = path.substring(models + "/models".length());
    if (rest.isEmpty()) {
      ObjectNode list = Json.object();
      for (String model : models().ids()) {
        list.withArray("models").add(model(model));
      }
      call.sendJson(200, list);
      return;
    }
    int colon = rest.indexOf(':');
    String model = rest.substring(1, colon < 0 ? rest.length() : colon);
    if (!models().serves(model)) {
      sendError(call, 404, MODEL_NOT_FOUND, modelNotFoundMessage(model));
    } else if (colon < 0) {
      call.sendJson(200, model(model));
    } else if (!"POST".equals(call.method())) {
      sendError(call, 404, NOT_FOUND, "Not Found");
    } else {
      method(call, model, rest.substring(colon + 1));
    }
  }

  private void method(Call call, String model, String method) throws IOException {
    JsonNode request = call.json();
    switch (method) {
      case "generateContent" -> generate.generate(call, model, request, false);
      case "streamGenerateContent" -> generate.generate(call, model, request, true);
      case "countTokens" ->
          call.sendJson(200, Json.object().put("totalTokens", GeminiGenerate.inputTokens(request)));
      case "embedContent" -> {
        ObjectNode body = Json.object();
        body.set("embedding", embedding(request));
        call.sendJson(200, body);
      }
      case "batchEmbedContents" -> {
        ObjectNode body = Json.object();
        ArrayNode embeddings = body.putArray("embeddings");
        request.path("requests").forEach(r -> embeddings.add(embedding(r)));
        call.sendJson(200, body);
      }
      default -> sendError(call, 404, NOT_FOUND, "Method not found: " + method);
    }
  }

  private static ObjectNode embedding(JsonNode request) {
    StringBuilder text = new StringBuilder();
    request.path("content").path("parts").forEach(p -> text.append(p.path("text").asText("")));
    int dimensions = request.path("outputDimensionality").asInt(Reply.EMBEDDING_DIMENSIONS);
    ObjectNode embedding = Json.object();
    ArrayNode values = embedding.putArray("values");
    for (float v : Reply.embedding(text.toString(), dimensions)) {
      values.add(v);
    }
    return embedding;
  }

  private static ObjectNode model(String id) {
    ObjectNode model = Json.object().put("name", "models/" + id).put("version", "001");
    model.put("displayName", id).put("inputTokenLimit", Reply.contextLimit(id));
    model.put("outputTokenLimit", 8192);
    ArrayNode methods = model.putArray("supportedGenerationMethods");
    methods.add("generateContent").add("countTokens").add("embedContent");
    return model;
  }

  @Override
  protected String modelNotFoundMessage(String model) {
    return "models/"
        + model
        + " is not found for API version v1beta, or is not supported for generateContent. Call"
        + " ListModels to see the list of available models and their supported methods.";
  }

  @Override
  protected String contextLengthMessage(int tokens, int limit) {
    return "The input token count ("
        + tokens
        + ") exceeds the maximum number of tokens allowed ("
        + limit
        + ").";
  }

  @Override
  public void sendError(Call call, int status, String code, String message) throws IOException {
    int http = status;
    String m = message;
    if (INVALID_KEY.equals(code)) {
      boolean missing = call.header("x-goog-api-key") == null && call.query("key") == null;
      http = missing ? 403 : 400;
      m =
          missing
              ? "Method doesn't allow unregistered callers (callers without established identity)."
                  + " Please use API Key or other form of API consumer identity to call this API."
              : "API key not valid. Please pass a valid API key.";
    }
    call.sendJson(http, error(http, code, m, call));
  }

  /** Google's error body; also the data of a mid-stream error event. */
  static ObjectNode error(int status, String code, String message, Call call) {
    String googleStatus = googleStatus(status, code);
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error").put("code", status);
    error.put("message", message != null ? message : defaultMessage(googleStatus));
    error.put("status", googleStatus);
    if (INVALID_KEY.equals(code) && status == 400) {
      ObjectNode info = error.putArray("details").addObject();
      info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
          .put("reason", "API_KEY_INVALID");
      info.put("domain", "googleapis.com");
    } else if (status == 429) {
      ObjectNode retry = error.putArray("details").addObject();
      retry.put("@type", "type.googleapis.com/google.rpc.RetryInfo");
      retry.put("retryDelay", call.fault().number("retry-after", 2) + "s");
    }
    return body;
  }

  private static String googleStatus(int status, String code) {
    if (code != null && code.equals(code.toUpperCase(java.util.Locale.ROOT))) {
      return code; // a native status chosen by the fault spec, e.g. RESOURCE_EXHAUSTED
    }
    return switch (status) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 409 -> "ABORTED";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 499 -> "CANCELLED";
      case 501 -> "UNIMPLEMENTED";
      case 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
    };
  }

  private static String defaultMessage(String googleStatus) {
    return switch (googleStatus) {
      case "RESOURCE_EXHAUSTED" ->
          "You exceeded your current quota, please check your plan and billing details.";
      case "UNAVAILABLE" -> "The model is overloaded. Please try again later.";
      case "INTERNAL" ->
          "An internal error has occurred. Please retry or report in"
              + " https://developers.generativeai.google/guide/troubleshooting";
      default -> "Simulated " + googleStatus;
    };
  }
}
