package dev.switchboard.providers.gemini;

import static dev.switchboard.core.model.Capability.CHAT;
import static dev.switchboard.core.model.Capability.EMBEDDINGS;
import static dev.switchboard.core.model.Capability.JSON;
import static dev.switchboard.core.model.Capability.STREAMING;
import static dev.switchboard.core.model.Capability.TOOLS;
import static dev.switchboard.core.model.Capability.VISION;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.providers.AuthStyle;
import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.ProviderAdapter;
import dev.switchboard.providers.ProviderDescriptor;
import dev.switchboard.providers.StreamHandle;
import dev.switchboard.providers.StreamListener;
import dev.switchboard.providers.transport.BufferedResponse;
import dev.switchboard.providers.transport.ErrorTranslator;
import dev.switchboard.providers.transport.HttpTransport;
import dev.switchboard.providers.transport.TransportRequest;
import dev.switchboard.providers.wire.ErrorClassifier;
import dev.switchboard.providers.wire.Framing;
import dev.switchboard.providers.wire.ProviderCalls;
import dev.switchboard.providers.wire.StreamSession;
import dev.switchboard.providers.wire.TokenEstimate;
import dev.switchboard.providers.wire.WireFormatException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Google Gemini (Generative Language API, {@code v1beta}): {@code :generateContent}, {@code
 * :streamGenerateContent?alt=sse}, {@code :batchEmbedContents}, with {@code x-goog-api-key}.
 */
public final class GeminiAdapter implements ProviderAdapter {

  public static final ProviderDescriptor GEMINI =
      new ProviderDescriptor(
          "gemini",
          "Google Gemini",
          "gemini",
          URI.create("https://generativelanguage.googleapis.com"),
          AuthStyle.GOOG_API_KEY,
          EnumSet.of(CHAT, STREAMING, TOOLS, VISION, JSON, EMBEDDINGS),
          true);

  private static final ErrorTranslator ERRORS =
      ErrorClassifier.translator(GeminiResponses::errorDetail);

  private final HttpTransport transport;

  public GeminiAdapter() {
    this(HttpTransport.shared());
  }

  public GeminiAdapter(HttpTransport transport) {
    this.transport = transport;
  }

  @Override
  public String family() {
    return "gemini";
  }

  @Override
  public List<ProviderDescriptor> providers() {
    return List.of(GEMINI);
  }

  @Override
  public ChatResponse chat(Endpoint endpoint, ChatRequest request) {
    ProviderCalls.requireSupport(GEMINI, request);
    BufferedResponse response = transport.send(call(endpoint, request, ":generateContent"));
    try {
      return TokenEstimate.orEstimate(
          GeminiResponses.generate(ProviderCalls.json(endpoint.providerId(), response)), request);
    } catch (WireFormatException e) {
      throw ProviderCalls.malformed(endpoint.providerId(), response.status(), e);
    }
  }

  @Override
  public StreamHandle stream(Endpoint endpoint, ChatRequest request, StreamListener listener) {
    TransportRequest call;
    try {
      ProviderCalls.requireSupport(GEMINI, request);
      call = call(endpoint, request, ":streamGenerateContent?alt=sse");
    } catch (ProviderException e) {
      return StreamSession.refused(listener, e);
    }
    return StreamSession.start(
        transport,
        call,
        Framing.SSE,
        new GeminiStreamTranslator(endpoint.providerId(), ProviderCalls.secrets(endpoint)),
        listener,
        TokenEstimate.ofRequest(request));
  }

  @Override
  public EmbeddingResponse embed(Endpoint endpoint, EmbeddingRequest request) {
    String model = modelName(request.model());
    URI uri = URI.create(modelUrl(endpoint, model) + ":batchEmbedContents");
    BufferedResponse response =
        transport.send(
            ProviderCalls.post(
                endpoint,
                AuthStyle.GOOG_API_KEY,
                uri,
                GeminiRequests.batchEmbed(model, request),
                Map.of(),
                ERRORS));
    try {
      return GeminiResponses.embeddings(
          ProviderCalls.json(endpoint.providerId(), response), request);
    } catch (WireFormatException e) {
      throw ProviderCalls.malformed(endpoint.providerId(), response.status(), e);
    }
  }

  @Override
  public List<ModelInfo> listModels(Endpoint endpoint) {
    URI uri = URI.create(GEMINI.baseUrl(endpoint) + "/v1beta/models");
    BufferedResponse response =
        transport.send(ProviderCalls.get(endpoint, AuthStyle.GOOG_API_KEY, uri, Map.of(), ERRORS));
    return GeminiResponses.models(ProviderCalls.json(endpoint.providerId(), response));
  }

  private TransportRequest call(Endpoint endpoint, ChatRequest request, String method) {
    URI uri = URI.create(modelUrl(endpoint, modelName(request.model())) + method);
    return ProviderCalls.post(
        endpoint, AuthStyle.GOOG_API_KEY, uri, GeminiRequests.generate(request), Map.of(), ERRORS);
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
