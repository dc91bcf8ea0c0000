package dev.switchboard.providers.cohere;

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
import java.util.EnumSet;
import java.util.List;

/** Cohere v2: {@code /v2/chat}, {@code /v2/embed}, {@code /v1/models}, bearer key. */
public final class CohereAdapter extends WireAdapter {

  public static final ProviderDescriptor COHERE =
      new ProviderDescriptor(
          "cohere",
          "Cohere",
          "cohere",
          URI.create("https://api.cohere.com"),
          AuthStyle.BEARER,
          EnumSet.of(CHAT, STREAMING, TOOLS, VISION, JSON, EMBEDDINGS),
          true);

  public CohereAdapter() {
    this(HttpTransport.shared());
  }

  public CohereAdapter(HttpTransport transport) {
    super(
        "cohere", List.of(COHERE), transport, ErrorClassifier.translator(CohereWire::errorDetail));
  }

  @Override
  protected TransportRequest chatCall(
      ProviderDescriptor provider, Endpoint endpoint, ChatRequest request, boolean stream) {
    URI uri = URI.create(provider.baseUrl(endpoint) + "/v2/chat");
    return post(provider, endpoint, uri, CohereWire.chat(request, stream));
  }

  /** Cohere's reply names no model: the one requested served it. */
  @Override
  protected ChatResponse readChat(JsonNode body, String requestId, ChatRequest request) {
    ChatResponse r = CohereWire.response(body);
    return new ChatResponse(
        r.message(), r.finishReason(), request.model(), r.providerRequestId(), r.usage());
  }

  @Override
  protected FrameTranslator streamTranslator(String providerId, List<String> secrets) {
    return new CohereStreamTranslator(providerId, secrets);
  }

  @Override
  protected TransportRequest embeddingsCall(
      ProviderDescriptor provider, Endpoint endpoint, EmbeddingRequest request) {
    URI uri = URI.create(provider.baseUrl(endpoint) + "/v2/embed");
    return post(provider, endpoint, uri, CohereWire.embed(request));
  }

  @Override
  protected EmbeddingResponse readEmbeddings(JsonNode body, EmbeddingRequest request) {
    return CohereWire.embeddings(body, request.model());
  }

  @Override
  protected TransportRequest modelsCall(ProviderDescriptor provider, Endpoint endpoint) {
    return get(provider, endpoint, URI.create(provider.baseUrl(endpoint) + "/v1/models"));
  }

  @Override
  protected List<ModelInfo> readModels(JsonNode body) {
    return CohereWire.models(body);
  }
}
