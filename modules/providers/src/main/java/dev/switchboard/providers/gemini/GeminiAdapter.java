package dev.switchboard.providers.gemini;

import static dev.switchboard.core.model.Capability.CHAT;
import static dev.switchboard.core.model.Capability.EMBEDDINGS;
import static dev.switchboard.core.model.Capability.JSON;
import static dev.switchboard.core.model.Capability.STREAMING;
import static dev.switchboard.core.model.Capability.TOOLS;
import static dev.switchboard.core.model.Capability.VISION;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.providers.AuthStyle;
import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.ProviderDescriptor;
import dev.switchboard.providers.transport.HttpTransport;
import dev.switchboard.providers.transport.TransportRequest;
import dev.switchboard.providers.wire.ErrorClassifier;
import dev.switchboard.providers.wire.FrameTranslator;
import dev.switchboard.providers.wire.WireAdapter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

/**
 * Google Gemini (Generative Language API, {@code v1beta}): {@code :generateContent}, {@code
 * :streamGenerateContent?alt=sse}, {@code :batchEmbedContents}, with {@code x-goog-api-key}.
 */
public final class GeminiAdapter extends WireAdapter {

  public static final ProviderDescriptor GEMINI =
      new ProviderDescriptor(
          "gemini",
          "Google Gemini",
          "gemini",
          URI.create("https://generativelanguage.googleapis.com"),
          AuthStyle.GOOG_API_KEY,
          EnumSet.of(CHAT, STREAMING, TOOLS, VISION, JSON, EMBEDDINGS),
          true);

  public GeminiAdapter() {
    this(HttpTransport.shared());
  }

  public GeminiAdapter(HttpTransport transport) {
    super(
        "gemini",
        List.of(GEMINI),
        transport,
        ErrorClassifier.translator(GeminiResponses::errorDetail));
  }

  @Override
  protected TransportRequest chatCall(
      ProviderDescriptor provider, Endpoint endpoint, ChatRequest request, boolean stream) {
    String method = stream ? ":streamGenerateContent?alt=sse" : ":generateContent";
    URI uri = URI.create(modelUrl(endpoint, modelName(request.model())) + method);
    return post(provider, endpoint, uri, GeminiRequests.generate(request));
  }

  @Override
  protected ChatResponse readChat(JsonNode body, String requestId, ChatRequest request) {
    return GeminiResponses.generate(body);
  }

  @Override
  protected FrameTranslator streamTranslator(String providerId, List<String> secrets) {
    return new GeminiStreamTranslator(providerId, secrets);
  }

  @Override
  protected TransportRequest embeddingsCall(
      ProviderDescriptor provider, Endpoint endpoint, EmbeddingRequest request) {
    String model = modelName(request.model());
    URI uri = URI.create(modelUrl(endpoint, model) + ":batchEmbedContents");
    return post(provider, endpoint, uri, GeminiRequests.batchEmbed(model, request));
  }

  /** Gemini reports no usage for embeddings: the reading carries the estimate already. */
  @Override
  protected EmbeddingResponse readEmbeddings(JsonNode body, EmbeddingRequest request) {
    return GeminiResponses.embeddings(body, request);
  }

  @Override
  protected TransportRequest modelsCall(ProviderDescriptor provider, Endpoint endpoint) {
    return get(provider, endpoint, URI.create(provider.baseUrl(endpoint) + "/v1beta/models"));
  }

  @Override
  protected List<ModelInfo> readModels(JsonNode body) {
    return GeminiResponses.models(body);
  }

  private static String modelUrl(Endpoint endpoint, String model) {
    return GEMINI.baseUrl(endpoint)
        + "/v1beta/models/"
        + URLEncoder.encode(model, StandardCharsets.UTF_8);
  }

  private static String modelName(String model) {
    return model.startsWith("models/") ? model.substring("models/".length()) : model;
  }
}
