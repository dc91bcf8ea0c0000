package dev.switchboard.simulator.wire;

import java.io.IOException;

/**
 * One provider's wire protocol, served under {@code /<name>/...}. The {@link Router} has already
 * applied the generic faults (latency, hang, malformed, html-502, status) and counted the request;
 * a family checks credentials, translates the request and writes the provider's exact response.
 */
public abstract class Family {

  /** Neutral error codes the router and the shared checks use; families map them to their own. */
  public static final String INVALID_KEY = "invalid_api_key";

  public static final String MODEL_NOT_FOUND = "model_not_found";
  public static final String CONTEXT_LENGTH = "context_length_exceeded";
  public static final String INVALID_REQUEST = "invalid_request_error";
  public static final String NOT_FOUND = "not_found";

  static final String INVALID_JSON = "The request body is not valid JSON.";

  private final String name;
  private final Models models;

  /** A family that serves any model name except {@code missing-*}. */
  protected Family(String name) {
    this(name, Models.any());
  }

  protected Family(String name, Models models) {
    this.name = name;
    this.models = models;
  }

  /** The models this family serves; {@code Simulator.addModels} adds to them. */
  public Models models() {
    return models;
  }

  /** The URL prefix and the name requests are counted under. */
  public final String name() {
    return name;
  }

  /**
   * Whether this family also answers requests at the root path {@code /}: for a client that drops
   * the path of its endpoint override (the AWS SDK's STS client does).
   */
  public boolean servesRoot() {
    return false;
  }

  /** Whether the request carries the accepted credential in this provider's header. */
  public abstract boolean authorized(Call call);

  /**
   * Whether the request asks for a streamed response; such requests are served on a worker thread.
   * By default, {@code "stream": true} in the JSON body.
   */
  public boolean streams(Call call) throws IOException {
    return call.json().path("stream").asBoolean(false);
  }

  /** Serves a request that passed the generic faults and the credential check. */
  public abstract void handle(Call call) throws IOException;

  /**
   * Sends this provider's error body. {@code code} is either one of the neutral codes above or a
   * provider-native code/type chosen by a fault spec ({@code code=insufficient_quota}); null means
   * the provider's default for the status.
   */
  public abstract void sendError(Call call, int status, String code, String message)
      throws IOException;

  /**
   * Sends the 400 for a request field the provider refuses, naming the field ({@code param}) where
   * the provider's error shape has room for it; by default the family's 400 with the message.
   */
  public void sendInvalid(Call call, String param, String code, String message) throws IOException {
    sendError(call, 400, code == null ? INVALID_REQUEST : code, message);
  }

  /**
   * Sends the model-not-found or context-length error when the model or prompt calls for one.
   *
   * @return true when an error was sent and the request is finished
   */
  public boolean rejectModel(Call call, String model, int inputTokens) throws IOException {
    if (!models.serves(model)) {
      sendError(call, 404, MODEL_NOT_FOUND, modelNotFoundMessage(model));
      return true;
    }
    int limit = Reply.contextLimit(model);
    if (inputTokens > limit) {
      sendError(call, 400, CONTEXT_LENGTH, contextLengthMessage(inputTokens, limit));
      return true;
    }
    return false;
  }

  /** The provider's wording of a body that is not JSON. */
  protected String invalidJsonMessage() {
    return INVALID_JSON;
  }

  /** The provider's wording of model-not-found; OpenAI's by default. */
  protected String modelNotFoundMessage(String model) {
    return "The model `" + model + "` does not exist or you do not have access to it.";
  }

  /** The provider's wording of a prompt over the context window; OpenAI's by default. */
  protected String contextLengthMessage(int tokens, int limit) {
    return "This model's maximum context length is "
        + limit
        + " tokens. However, your messages resulted in "
        + tokens
        + " tokens. Please reduce the length of the messages.";
  }

  /** Sends the provider's 404 for a path it does not serve. */
  protected void unknownPath(Call call) throws IOException {
    sendError(call, 404, NOT_FOUND, "Unknown path " + call.method() + " " + call.path());
  }
}
