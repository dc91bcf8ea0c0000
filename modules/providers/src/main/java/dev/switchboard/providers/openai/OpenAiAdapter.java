package dev.switchboard.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.ProviderDescriptor;
import dev.switchboard.providers.transport.ErrorTranslator;
import dev.switchboard.providers.transport.HttpTransport;
import dev.switchboard.providers.transport.TransportRequest;
import dev.switchboard.providers.wire.ErrorClassifier;
import dev.switchboard.providers.wire.FrameTranslator;
import dev.switchboard.providers.wire.WireAdapter;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's Chat Completions wire for OpenAI and every OpenAI-compatible provider: {@code
 * Authorization: Bearer}, optional {@code OpenAI-Organization}, streams with {@code
 * stream_options.include_usage=true}.
 */
public final class OpenAiAdapter extends WireAdapter {

  static final ErrorTranslator ERRORS = ErrorClassifier.translator(OpenAiResponses::errorDetail);

  public OpenAiAdapter() {
    this(HttpTransport.shared());
  }

  public OpenAiAdapter(HttpTransport transport) {
    super(OpenAiCompatibleProviders.FAMILY, OpenAiCompatibleProviders.ALL, transport, ERRORS);
  }

  @Override
  protected ProviderDescriptor descriptor(Endpoint endpoint) {
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

  @Override
  protected TransportRequest chatCall(
      ProviderDescriptor provider, Endpoint endpoint, ChatRequest request, boolean stream) {
    URI uri = URI.create(provider.baseUrl(endpoint) + "/chat/completions");
    boolean modernTokenField = provider.id().equals("openai");
    return post(provider, endpoint, uri, OpenAiRequests.chat(request, stream, modernTokenField));
  }

  @Override
  protected ChatResponse readChat(JsonNode body, String requestId, ChatRequest request) {
    return OpenAiResponses.chat(body, requestId);
  }

  @Override
  protected FrameTranslator streamTranslator(String providerId, List<String> secrets) {
    return new OpenAiStreamTranslator(providerId, secrets);
  }

  @Override
  protected TransportRequest embeddingsCall(
      ProviderDescriptor provider, Endpoint endpoint, EmbeddingRequest request) {
    URI uri = URI.create(provider.baseUrl(endpoint) + "/embeddings");
    return post(provider, endpoint, uri, OpenAiRequests.embeddings(request));
  }

  @Override
  protected EmbeddingResponse readEmbeddings(JsonNode body, EmbeddingRequest request) {
    return OpenAiResponses.embeddings(body);
  }

  @Override
  protected TransportRequest modelsCall(ProviderDescriptor provider, Endpoint endpoint) {
    return get(provider, endpoint, URI.create(provider.baseUrl(endpoint) + "/models"));
  }

  @Override
  protected List<ModelInfo> readModels(JsonNode body) {
    return OpenAiResponses.models(body);
  }

  @Override
  protected Map<String, String> wireHeaders(Endpoint endpoint) {
    return endpoint.organization() == null
        ? Map.of()
        : Map.of("OpenAI-Organization", endpoint.organization());
  }
}
