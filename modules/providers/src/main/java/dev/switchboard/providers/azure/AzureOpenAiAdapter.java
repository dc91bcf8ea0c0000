package dev.switchboard.providers.azure;

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
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.providers.AuthStyle;
import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.ProviderDescriptor;
import dev.switchboard.providers.openai.OpenAiRequests;
import dev.switchboard.providers.openai.OpenAiResponses;
import dev.switchboard.providers.openai.OpenAiStreamTranslator;
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
 * Azure OpenAI: {@code {base}/deployments/{deployment}/chat/completions?api-version=...} with the
 * base {@code https://{resource}.openai.azure.com/openai} unless the endpoint overrides it. The
 * deployment stands for the model. Model listing is not offered: an Azure key sees deployments,
 * which admins configure, not a model list.
 */
public final class AzureOpenAiAdapter extends WireAdapter {

  public static final ProviderDescriptor AZURE_OPENAI =
      new ProviderDescriptor(
          "azure-openai",
          "Azure OpenAI",
          "azure",
          null,
          AuthStyle.API_KEY_HEADER,
          EnumSet.of(CHAT, STREAMING, TOOLS, VISION, JSON, EMBEDDINGS),
          false);

  public AzureOpenAiAdapter() {
    this(HttpTransport.shared());
  }

  public AzureOpenAiAdapter(HttpTransport transport) {
    super(
        "azure",
        List.of(AZURE_OPENAI),
        transport,
        ErrorClassifier.translator(OpenAiResponses::errorDetail));
  }

  @Override
  protected TransportRequest chatCall(
      ProviderDescriptor provider, Endpoint endpoint, ChatRequest request, boolean stream) {
    URI uri = operation(endpoint, "chat/completions");
    return post(provider, endpoint, uri, OpenAiRequests.chat(request, stream, false));
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
    URI uri = operation(endpoint, "embeddings");
    return post(provider, endpoint, uri, OpenAiRequests.embeddings(request));
  }

  @Override
  protected EmbeddingResponse readEmbeddings(JsonNode body, EmbeddingRequest request) {
    return OpenAiResponses.embeddings(body);
  }

  /** {@code {base}/deployments/{deployment}/{operation}?api-version={version}}. */
  static URI operation(Endpoint endpoint, String operation) {
    Endpoint.Azure azure = endpoint.azure();
    if (azure == null) {
      throw ProviderException.builder(
              ErrorCategory.BAD_REQUEST, "an Azure OpenAI endpoint needs a deployment")
          .provider(endpoint.providerId())
          .providerCode("missing_deployment")
          .build();
    }
    String base;
    if (endpoint.baseUrl() != null) {
      String b = endpoint.baseUrl().toString();
      base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    } else if (azure.resource() != null) {
      base = "https://" + encode(azure.resource()) + ".openai.azure.com/openai";
    } else {
      throw ProviderException.builder(
              ErrorCategory.BAD_REQUEST, "an Azure OpenAI endpoint needs a resource or a base URL")
          .provider(endpoint.providerId())
          .providerCode("missing_resource")
          .build();
    }
    return URI.create(
        base
            + "/deployments/"
            + encode(azure.deployment())
            + "/"
            + operation
            + "?api-version="
            + encode(azure.apiVersion()));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
