package dev.switchboard.providers.ollama;

import static dev.switchboard.core.model.Capability.CHAT;
import static dev.switchboard.core.model.Capability.EMBEDDINGS;
import static dev.switchboard.core.model.Capability.JSON;
import static dev.switchboard.core.model.Capability.STREAMING;
import static dev.switchboard.core.model.Capability.TOOLS;
import static dev.switchboard.core.model.Capability.VISION;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.switchboard.providers.ProviderDescriptor;
import dev.switchboard.providers.transport.HttpTransport;
import dev.switchboard.providers.transport.TransportRequest;
import dev.switchboard.providers.wire.ErrorClassifier;
import dev.switchboard.providers.wire.FrameTranslator;
import dev.switchboard.providers.wire.Framing;
import dev.switchboard.providers.wire.WireAdapter;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;

/** Ollama's native API: {@code /api/chat} (NDJSON), {@code /api/embed}, {@code /api/tags}. */
public final class OllamaAdapter extends WireAdapter {

  public static final ProviderDescriptor OLLAMA =
      new ProviderDescriptor(
          "ollama",
          "Ollama",
          "ollama",
          URI.create("http://localhost:11434"),
          AuthStyle.OPTIONAL_BEARER,
          EnumSet.of(CHAT, STREAMING, TOOLS, VISION, JSON, EMBEDDINGS),
          true);

  public OllamaAdapter() {
    this(HttpTransport.shared());
  }

  public OllamaAdapter(HttpTransport transport) {
    super(
        "ollama", List.of(OLLAMA), transport, ErrorClassifier.translator(OllamaWire::errorDetail));
  }

  /** A request Ollama's options cannot express is refused before any call. */
  @Override
  protected TransportRequest chatCall(
      ProviderDescriptor provider, Endpoint endpoint, ChatRequest request, boolean stream) {
    ObjectNode body;
    try {
      body = OllamaWire.chat(request, stream);
    } catch (IllegalArgumentException e) {
      throw ProviderException.builder(ErrorCategory.BAD_REQUEST, e.getMessage())
          .provider(endpoint.providerId())
          .providerCode("unsupported")
          .build();
    }
    URI uri = URI.create(provider.baseUrl(endpoint) + "/api/chat");
    return post(provider, endpoint, uri, body);
  }

  @Override
  protected ChatResponse readChat(JsonNode body, String requestId, ChatRequest request) {
    return OllamaWire.response(body);
  }

  @Override
  protected Framing framing() {
    return Framing.NDJSON;
  }

  @Override
  protected FrameTranslator streamTranslator(String providerId, List<String> secrets) {
    return new OllamaStreamTranslator(providerId, secrets);
  }

  @Override
  protected TransportRequest embeddingsCall(
      ProviderDescriptor provider, Endpoint endpoint, EmbeddingRequest request) {
    URI uri = URI.create(provider.baseUrl(endpoint) + "/api/embed");
    return post(provider, endpoint, uri, OllamaWire.embed(request));
  }

  @Override
  protected EmbeddingResponse readEmbeddings(JsonNode body, EmbeddingRequest request) {
    return OllamaWire.embeddings(body, request.model());
  }

  @Override
  protected TransportRequest modelsCall(ProviderDescriptor provider, Endpoint endpoint) {
    return get(provider, endpoint, URI.create(provider.baseUrl(endpoint) + "/api/tags"));
  }

  @Override
  protected List<ModelInfo> readModels(JsonNode body) {
    return OllamaWire.models(body);
  }
}
