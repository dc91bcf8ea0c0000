package dev.switchboard.providers.azure;

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
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.providers.AuthStyle;
import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.ProviderAdapter;
import dev.switchboard.providers.ProviderDescriptor;
import dev.switchboard.providers.StreamHandle;
import dev.switchboard.providers.StreamListener;
import dev.switchboard.providers.openai.OpenAiRequests;
import dev.switchboard.providers.openai.OpenAiResponses;
import dev.switchboard.providers.openai.OpenAiStreamTranslator;
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
 * Azure OpenAI: {@code {base}/deployments/{deployment}/chat/completions?api-version=...} with the
 * base {@code https://{resource}.openai.azure.com/openai} unless the endpoint overrides it. The
 * deployment stands for the model. Model listing is not offered: an Azure key sees deployments,
 * which admins configure, not a model list.
 */
public final class AzureOpenAiAdapter implements ProviderAdapter {

  public static final ProviderDescriptor AZURE_OPENAI =
      new ProviderDescriptor(
          "azure-openai",
          "Azure OpenAI",
          "azure",
          null,
          AuthStyle.API_KEY_HEADER,
          EnumSet.of(CHAT, STREAMING, TOOLS, VISION, JSON, EMBEDDINGS),
          false);

  private static final ErrorTranslator ERRORS =
      ErrorClassifier.translator(OpenAiResponses::errorDetail);

  private final HttpTransport transport;

  public AzureOpenAiAdapter() {
    this(HttpTransport.shared());
  }

  public AzureOpenAiAdapter(HttpTransport transport) {
    this.transport = transport;
  }

  @Override
  public String family() {
    return "azure";
  }

  @Override
  public List<ProviderDescriptor> providers() {
    return List.of(AZURE_OPENAI);
  }

  @Override
  public ChatResponse chat(Endpoint endpoint, ChatRequest request) {
    ProviderCalls.requireSupport(AZURE_OPENAI, request);
    BufferedResponse response = transport.send(chatCall(endpoint, request, false));
    try {
      return TokenEstimate.orEstimate(
          OpenAiResponses.chat(
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
      ProviderCalls.requireSupport(AZURE_OPENAI, request);
      call = chatCall(endpoint, request, true);
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
    URI uri = operation(endpoint, "embeddings");
    BufferedResponse response =
        transport.send(
            ProviderCalls.post(
                endpoint,
                AuthStyle.API_KEY_HEADER,
                uri,
                OpenAiRequests.embeddings(request),
                Map.of(),
                ERRORS));
    try {
      return TokenEstimate.orEstimate(
          OpenAiResponses.embeddings(ProviderCalls.json(endpoint.providerId(), response)), request);
    } catch (WireFormatException e) {
      throw ProviderCalls.malformed(endpoint.providerId(), response.status(), e);
    }
  }

  @Override
  public List<ModelInfo> listModels(Endpoint endpoint) {
    throw ProviderCalls.unsupported(endpoint.providerId(), "model listing");
  }

  private TransportRequest chatCall(Endpoint endpoint, ChatRequest request, boolean stream) {
    return ProviderCalls.post(
        endpoint,
        AuthStyle.API_KEY_HEADER,
        operation(endpoint, "chat/completions"),
        OpenAiRequests.chat(request, stream, false),
        Map.of(),
        ERRORS);
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
