package dev.switchboard.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.model.Capability;
import dev.switchboard.core.model.ModelInfo;
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
import java.util.List;
import java.util.Map;

/**
 * OpenAI's Chat Completions wire for OpenAI and every OpenAI-compatible provider: {@code
 * Authorization: Bearer}, optional {@code OpenAI-Organization}, streams with {@code
 * stream_options.include_usage=true}.
 */
public final class OpenAiAdapter implements ProviderAdapter {

  static final ErrorTranslator ERRORS = ErrorClassifier.translator(OpenAiResponses::errorDetail);

  private final HttpTransport transport;

  public OpenAiAdapter() {
    this(HttpTransport.shared());
  }

  public OpenAiAdapter(HttpTransport transport) {
    this.transport = transport;
  }

  @Override
  public String family() {
    return OpenAiCompatibleProviders.FAMILY;
  }

  @Override
  public List<ProviderDescriptor> providers() {
    return OpenAiCompatibleProviders.ALL;
  }

  @Override
  public ChatResponse chat(Endpoint endpoint, ChatRequest request) {
    ProviderDescriptor provider = provider(endpoint);
    ProviderCalls.requireSupport(provider, request);
    BufferedResponse response = transport.send(chatCall(provider, endpoint, request, false));
    JsonNode body = ProviderCalls.json(provider.id(), response);
    try {
      return TokenEstimate.orEstimate(OpenAiResponses.chat(body, response.requestId()), request);
    } catch (WireFormatException e) {
      throw ProviderCalls.malformed(provider.id(), response.status(), e);
    }
  }

  @Override
  public StreamHandle stream(Endpoint endpoint, ChatRequest request, StreamListener listener) {
    TransportRequest call;
    try {
      ProviderDescriptor provider = provider(endpoint);
      ProviderCalls.requireSupport(provider, request);
      call = chatCall(provider, endpoint, request, true);
    } catch (ProviderException e) {
      return StreamSession.refused(listener, e);
    }
    return StreamSession.start(
        transport,
        call,
        Framing.SSE,
        new OpenAiStreamTranslator(endpoint.providerId(), ProviderCalls.secrets(endpoint)),
        listener,
        TokenEstimate.ofRequest(request));
  }

  @Override
  public EmbeddingResponse embed(Endpoint endpoint, EmbeddingRequest request) {
    ProviderDescriptor provider = provider(endpoint);
    if (!provider.supports(Capability.EMBEDDINGS)) {
      throw ProviderCalls.unsupported(provider.id(), "embeddings");
    }
    URI uri = URI.create(provider.baseUrl(endpoint) + "/embeddings");
    BufferedResponse response =
        transport.send(
            ProviderCalls.post(
                endpoint,
                provider.authStyle(),
                uri,
                OpenAiRequests.embeddings(request),
                headers(endpoint),
                ERRORS));
    try {
      return TokenEstimate.orEstimate(
          OpenAiResponses.embeddings(ProviderCalls.json(provider.id(), response)), request);
    } catch (WireFormatException e) {
      throw ProviderCalls.malformed(provider.id(), response.status(), e);
    }
  }

  @Override
  public List<ModelInfo> listModels(Endpoint endpoint) {
    ProviderDescriptor provider = provider(endpoint);
    if (!provider.listsModels()) {
      throw ProviderCalls.unsupported(provider.id(), "model listing");
    }
    URI uri = URI.create(provider.baseUrl(endpoint) + "/models");
    BufferedResponse response =
        transport.send(
            ProviderCalls.get(endpoint, provider.authStyle(), uri, headers(endpoint), ERRORS));
    return OpenAiResponses.models(ProviderCalls.json(provider.id(), response));
  }

  private TransportRequest chatCall(
      ProviderDescriptor provider, Endpoint endpoint, ChatRequest request, boolean stream) {
    URI uri = URI.create(provider.baseUrl(endpoint) + "/chat/completions");
    boolean modernTokenField = provider.id().equals("openai");
    return ProviderCalls.post(
        endpoint,
        provider.authStyle(),
        uri,
        OpenAiRequests.chat(request, stream, modernTokenField),
        headers(endpoint),
        ERRORS);
  }

  private static Map<String, String> headers(Endpoint endpoint) {
    return endpoint.organization() == null
        ? Map.of()
        : Map.of("OpenAI-Organization", endpoint.organization());
  }

  private static ProviderDescriptor provider(Endpoint endpoint) {
    return OpenAiCompatibleProviders.find(endpoint.providerId())
        .orElseThrow(
            () ->
                ProviderException.builder(
                        ErrorCategory.BAD_REQUEST,
                        "the OpenAI adapter does not serve provider " + endpoint.providerId())
                    .provider(endpoint.providerId())
                    .providerCode("unknown_provider")
                    .build());
  }
}
