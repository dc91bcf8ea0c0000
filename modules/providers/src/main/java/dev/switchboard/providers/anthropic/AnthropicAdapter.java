package dev.switchboard.providers.anthropic;

import static dev.switchboard.core.model.Capability.CHAT;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Anthropic Messages: {@code POST /v1/messages} with {@code x-api-key} and {@code
 * anthropic-version: 2023-06-01}. No embeddings (Anthropic has none) and no JSON response format.
 */
public final class AnthropicAdapter implements ProviderAdapter {

  public static final String API_VERSION = "2023-06-01";

  public static final ProviderDescriptor ANTHROPIC =
      new ProviderDescriptor(
          "anthropic",
          "Anthropic",
          "anthropic",
          URI.create("https://api.anthropic.com"),
          AuthStyle.X_API_KEY,
          EnumSet.of(CHAT, STREAMING, TOOLS, VISION),
          true);

  private static final ErrorTranslator ERRORS =
      ErrorClassifier.translator(AnthropicResponses::errorDetail);
  private static final Map<String, String> VERSION = Map.of("anthropic-version", API_VERSION);

  private final HttpTransport transport;

  public AnthropicAdapter() {
    this(HttpTransport.shared());
  }

  public AnthropicAdapter(HttpTransport transport) {
    this.transport = transport;
  }

  @Override
  public String family() {
    return "anthropic";
  }

  @Override
  public List<ProviderDescriptor> providers() {
    return List.of(ANTHROPIC);
  }

  @Override
  public ChatResponse chat(Endpoint endpoint, ChatRequest request) {
    ProviderCalls.requireSupport(ANTHROPIC, request);
    BufferedResponse response = transport.send(call(endpoint, request, false));
    try {
      return TokenEstimate.orEstimate(
          AnthropicResponses.message(
              ProviderCalls.json(endpoint.providerId(), response), response.requestId()),
          request);
    } catch (WireFormatException e) {
      throw ProviderCalls.malformed(endpoint.providerId(), response.status(), e);
    }
  }

  @Override
  public StreamHandle stream(Endpoint endpoint, ChatRequest request, StreamListener listener) {
    TransportRequest call;
    try {
      ProviderCalls.requireSupport(ANTHROPIC, request);
      call = call(endpoint, request, true);
    } catch (ProviderException e) {
      return StreamSession.refused(listener, e);
    }
    return StreamSession.start(
        transport,
        call,
        Framing.SSE,
        new AnthropicStreamTranslator(endpoint.providerId(), ProviderCalls.secrets(endpoint)),
        listener,
        TokenEstimate.ofRequest(request));
  }

  @Override
  public EmbeddingResponse embed(Endpoint endpoint, EmbeddingRequest request) {
    throw ProviderCalls.unsupported(endpoint.providerId(), "embeddings");
  }

  @Override
  public List<ModelInfo> listModels(Endpoint endpoint) {
    URI uri = URI.create(ANTHROPIC.baseUrl(endpoint) + "/v1/models");
    BufferedResponse response =
        transport.send(ProviderCalls.get(endpoint, AuthStyle.X_API_KEY, uri, VERSION, ERRORS));
    return AnthropicResponses.models(ProviderCalls.json(endpoint.providerId(), response));
  }

  private TransportRequest call(Endpoint endpoint, ChatRequest request, boolean stream) {
    URI uri = URI.create(ANTHROPIC.baseUrl(endpoint) + "/v1/messages");
    return ProviderCalls.post(
        endpoint,
        AuthStyle.X_API_KEY,
        uri,
        AnthropicRequests.messages(request, stream),
        VERSION,
        ERRORS);
  }
}
