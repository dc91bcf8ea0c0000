package dev.switchboard.providers.ollama;

import static dev.switchboard.core.model.Capability.CHAT;
import static dev.switchboard.core.model.Capability.EMBEDDINGS;
import static dev.switchboard.core.model.Capability.JSON;
import static dev.switchboard.core.model.Capability.STREAMING;
import static dev.switchboard.core.model.Capability.TOOLS;
import static dev.switchboard.core.model.Capability.VISION;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.error.ErrorCategory;
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

/** Ollama's native API: {@code /api/chat} (NDJSON), {@code /api/embed}, {@code /api/tags}. */
public final class OllamaAdapter implements ProviderAdapter {

  public static final ProviderDescriptor OLLAMA =
      new ProviderDescriptor(
          "ollama",
          "Ollama",
          "ollama",
          URI.create("http://localhost:11434"),
          AuthStyle.OPTIONAL_BEARER,
          EnumSet.of(CHAT, STREAMING, TOOLS, VISION, JSON, EMBEDDINGS),
          true);

  private static final ErrorTranslator ERRORS = ErrorClassifier.translator(OllamaWire::errorDetail);

  private final HttpTransport transport;

  public OllamaAdapter() {
    this(HttpTransport.shared());
  }

  public OllamaAdapter(HttpTransport transport) {
    this.transport = transport;
  }

  @Override
  public String family() {
    return "ollama";
  }

  @Override
  public List<ProviderDescriptor> providers() {
    return List.of(OLLAMA);
  }

  @Override
  public ChatResponse chat(Endpoint endpoint, ChatRequest request) {
    ProviderCalls.requireSupport(OLLAMA, request);
    BufferedResponse response = transport.send(call(endpoint, request, false));
    try {
      return TokenEstimate.orEstimate(
          OllamaWire.response(ProviderCalls.json(endpoint.providerId(), response)), request);
    } catch (WireFormatException e) {
      throw ProviderCalls.malformed(endpoint.providerId(), response.status(), e);
    }
  }

  @Override
  public StreamHandle stream(Endpoint endpoint, ChatRequest request, StreamListener listener) {
    TransportRequest call;
    try {
      ProviderCalls.requireSupport(OLLAMA, request);
      call = call(endpoint, request, true);
    } catch (ProviderException e) {
      return StreamSession.refused(listener, e);
    }
    return StreamSession.start(
        transport,
        call,
        Framing.NDJSON,
        new OllamaStreamTranslator(endpoint.providerId(), ProviderCalls.secrets(endpoint)),
        listener,
        TokenEstimate.ofRequest(request));
  }

  @Override
  public EmbeddingResponse embed(Endpoint endpoint, EmbeddingRequest request) {
    URI uri = URI.create(OLLAMA.baseUrl(endpoint) + "/api/embed");
    BufferedResponse response =
        transport.send(
            ProviderCalls.post(
                endpoint,
                AuthStyle.OPTIONAL_BEARER,
                uri,
                OllamaWire.embed(request),
                Map.of(),
                ERRORS));
    try {
      return TokenEstimate.orEstimate(
          OllamaWire.embeddings(
              ProviderCalls.json(endpoint.providerId(), response), request.model()),
          request);
    } catch (WireFormatException e) {
      throw ProviderCalls.malformed(endpoint.providerId(), response.status(), e);
    }
  }

  @Override
  public List<ModelInfo> listModels(Endpoint endpoint) {
    URI uri = URI.create(OLLAMA.baseUrl(endpoint) + "/api/tags");
    BufferedResponse response =
        transport.send(
            ProviderCalls.get(endpoint, AuthStyle.OPTIONAL_BEARER, uri, Map.of(), ERRORS));
    return OllamaWire.models(ProviderCalls.json(endpoint.providerId(), response));
  }

  private TransportRequest call(Endpoint endpoint, ChatRequest request, boolean stream) {
    ObjectNode body;
    try {
      body = OllamaWire.chat(request, stream);
    } catch (IllegalArgumentException e) {
      throw ProviderException.builder(ErrorCategory.BAD_REQUEST, e.getMessage())
          .provider(endpoint.providerId())
          .providerCode("unsupported")
          .build();
    }
    URI uri = URI.create(OLLAMA.baseUrl(endpoint) + "/api/chat");
    return ProviderCalls.post(endpoint, AuthStyle.OPTIONAL_BEARER, uri, body, Map.of(), ERRORS);
  }
}
