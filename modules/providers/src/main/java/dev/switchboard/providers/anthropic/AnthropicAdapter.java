package dev.switchboard.providers.anthropic;

import static dev.switchboard.core.model.Capability.CHAT;
import static dev.switchboard.core.model.Capability.STREAMING;
import static dev.switchboard.core.model.Capability.TOOLS;
import static dev.switchboard.core.model.Capability.VISION;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
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
import java.util.Map;

/**
 * Anthropic Messages: {@code POST /v1/messages} with {@code x-api-key} and {@code
 * anthropic-version: 2023-06-01}. No embeddings (Anthropic has none) and no JSON response format.
 */
public final class AnthropicAdapter extends WireAdapter {

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

  private static final Map<String, String> VERSION = Map.of("anthropic-version", API_VERSION);

  public AnthropicAdapter() {
    this(HttpTransport.shared());
  }

  public AnthropicAdapter(HttpTransport transport) {
    super(
        "anthropic",
        List.of(ANTHROPIC),
        transport,
        ErrorClassifier.translator(AnthropicResponses::errorDetail));
  }

  @Override
  protected TransportRequest chatCall(
      ProviderDescriptor provider, Endpoint endpoint, ChatRequest request, boolean stream) {
    URI uri = URI.create(provider.baseUrl(endpoint) + "/v1/messages");
    return post(provider, endpoint, uri, AnthropicRequests.messages(request, stream));
  }

  @Override
  protected ChatResponse readChat(JsonNode body, String requestId, ChatRequest request) {
    return AnthropicResponses.message(body, requestId);
  }

  @Override
  protected FrameTranslator streamTranslator(String providerId, List<String> secrets) {
    return new AnthropicStreamTranslator(providerId, secrets);
  }

  @Override
  protected TransportRequest modelsCall(ProviderDescriptor provider, Endpoint endpoint) {
    return get(provider, endpoint, URI.create(provider.baseUrl(endpoint) + "/v1/models"));
  }

  @Override
  protected List<ModelInfo> readModels(JsonNode body) {
    return AnthropicResponses.models(body);
  }

  @Override
  protected Map<String, String> wireHeaders(Endpoint endpoint) {
    return VERSION;
  }
}
