package dev.switchboard.providers.cohere;

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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Cohere v2: {@code /v2/chat}, {@code /v2/embed}, {@code /v1/models}, bearer key. */
public final class CohereAdapter implements ProviderAdapter {

  public static final ProviderDescriptor COHERE =
      new ProviderDescriptor(
          "cohere",
          "Cohere",
          "cohere",
          URI.create("https://api.cohere.com"),
          AuthStyle.BEARER,
          EnumSet.of(CHAT, STREAMING, TOOLS, VISION, JSON, EMBEDDINGS),
          true);

  private static final ErrorTranslator ERRORS = ErrorClassifier.translator(CohereWire::errorDetail);

  private final HttpTransport transport;

  public CohereAdapter() {
    this(HttpTransport.shared());
  }

  public CohereAdapter(HttpTransport transport) {
    this.transport = transport;
  }

  @Override
  public String family() {
    return "cohere";
  }

  @Override
  public List<ProviderDescriptor> providers() {
    return List.of(COHERE);
  }

  @Override
  public ChatResponse chat(Endpoint endpoint, ChatRequest request) {
    ProviderCalls.requireSupport(COHERE, request);
    BufferedResponse response = transport.send(call(endpoint, request, false));
    try {
      ChatResponse r = CohereWire.response(ProviderCalls.json(endpoint.providerId(), response));
      return TokenEstimate.orEstimate(
          new ChatResponse(
              r.message(), r.finishReason(), request.model(), r.providerRequestId(), r.usage()),
          request);
    } catch (WireFormatException e) {
      throw ProviderCalls.malformed(endpoint.providerId(), response.status(), e);
    }
  }

  @Override
  public StreamHandle stream(Endpoint endpoint, ChatRequest request, StreamListener listener) {
    TransportRequest call;
    try {
      ProviderCalls.requireSupport(COHERE, request);
      call = call(endpoint, request, true);
    } catch (ProviderException e) {
      return StreamSession.refused(listener, e);
    }
    return StreamSession.start(
        transport,
        call,
        Framing.SSE,
        new CohereStreamTranslator(endpoint.providerId(), ProviderCalls.secrets(endpoint)),
        listener,
        TokenEstimate.ofRequest(request));
  }

  @Override
  public EmbeddingResponse embed(Endpoint endpoint, EmbeddingRequest request) {
    URI uri = URI.create(COHERE.baseUrl(endpoint) + "/v2/embed");
    BufferedResponse response =
        transport.send(
            ProviderCalls.post(
                endpoint, AuthStyle.BEARER, uri, CohereWire.embed(request), Map.of(), ERRORS));
    try {
      return TokenEstimate.orEstimate(
          CohereWire.embeddings(
              ProviderCalls.json(endpoint.providerId(), response), request.model()),
          request);
    } catch (WireFormatException e) {
      throw ProviderCalls.malformed(endpoint.providerId(), response.status(), e);
    }
  }

  @Override
  public List<ModelInfo> listModels(Endpoint endpoint) {
    URI uri = URI.create(COHERE.baseUrl(endpoint) + "/v1/models");
    BufferedResponse response =
        transport.send(ProviderCalls.get(endpoint, AuthStyle.BEARER, uri, Map.of(), ERRORS));
    return CohereWire.models(ProviderCalls.json(endpoint.providerId(), response));
  }

  private TransportRequest call(Endpoint endpoint, ChatRequest request, boolean stream) {
    URI uri = URI.create(COHERE.baseUrl(endpoint) + "/v2/chat");
    return ProviderCalls.post(
        endpoint, AuthStyle.BEARER, uri, CohereWire.chat(request, stream), Map.of(), ERRORS);
  }
}
