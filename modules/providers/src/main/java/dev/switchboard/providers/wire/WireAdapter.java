package dev.switchboard.providers.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
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
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The skeleton every provider family's adapter shares, so that an adapter holds only what is
 * particular to its wire. The template does, the same way for every family:
 *
 * <ul>
 *   <li>{@link #chat}: refuses what the provider does not offer ({@link
 *       ProviderCalls#requireSupport}), sends the call, reads the body (a body that breaks the
 *       wire's format is an {@code UPSTREAM_PROTOCOL} error that does not quote it) and estimates
 *       the usage when the provider reported none;
 *   <li>{@link #stream}: the same refusal and call, but a failure before the call reaches the
 *       listener ({@link StreamSession#refused}) rather than the caller; then a {@link
 *       StreamSession} with the wire's framing and translator;
 *   <li>{@link #embed}: refuses a provider without {@link Capability#EMBEDDINGS}, then sends, reads
 *       and estimates as for chat;
 *   <li>{@link #listModels}: refuses a provider that {@linkplain ProviderDescriptor#listsModels
 *       lists no models}, then sends and reads.
 * </ul>
 *
 * <p>The hooks a family fills in:
 *
 * <ul>
 *   <li>{@link #descriptor}: the provider an endpoint names, for a family serving several;
 *   <li>{@link #chatCall} and {@link #readChat}: the chat request on this wire and the reading of
 *       its JSON reply;
 *   <li>{@link #streamTranslator}, and {@link #framing} when the stream is not Server-Sent Events;
 *   <li>{@link #embeddingsCall} and {@link #readEmbeddings}, {@link #modelsCall} and {@link
 *       #readModels}: only for families whose providers offer them;
 *   <li>{@link #wireHeaders}: headers the wire always sends (a version, an organization).
 * </ul>
 *
 * <p>Calls are built with {@link #post} and {@link #get}, which add the provider's credential
 * style, the wire headers and the family's error translation. Hooks throw {@link ProviderException}
 * for a request they cannot express, and {@link WireFormatException} for a reply that breaks the
 * wire.
 */
public abstract class WireAdapter implements ProviderAdapter {

  private final String family;
  private final List<ProviderDescriptor> providers;
  private final HttpTransport transport;
  private final ErrorTranslator errors;

  /**
   * @param family the family id
   * @param providers the providers served
   * @param transport the HTTP transport every call goes through
   * @param errors how the wire's error bodies map to provider errors
   */
  protected WireAdapter(
      String family,
      List<ProviderDescriptor> providers,
      HttpTransport transport,
      ErrorTranslator errors) {
    this.family = family;
    this.providers = List.copyOf(providers);
    this.transport = transport;
    this.errors = errors;
  }

  @Override
  public final String family() {
    return family;
  }

  @Override
  public final List<ProviderDescriptor> providers() {
    return providers;
  }

  @Override
  public final ChatResponse chat(Endpoint endpoint, ChatRequest request) {
    ProviderDescriptor provider = descriptor(endpoint);
    ProviderCalls.requireSupport(provider, request);
    BufferedResponse response =
        sendRenewing(endpoint, () -> chatCall(provider, endpoint, request, false));
    ChatResponse reply =
        read(endpoint, response, body -> readChat(endpoint, body, response.requestId(), request));
    return TokenEstimate.orEstimate(reply, request);
  }

  @Override
  public final StreamHandle stream(
      Endpoint endpoint, ChatRequest request, StreamListener listener) {
    return RenewingStream.start(
        endpoint.auth(), target -> startStream(endpoint, request, target), listener);
  }

  private StreamHandle startStream(
      Endpoint endpoint, ChatRequest request, StreamListener listener) {
    TransportRequest call;
    try {
      ProviderDescriptor provider = descriptor(endpoint);
      ProviderCalls.requireSupport(provider, request);
      call = chatCall(provider, endpoint, request, true);
    } catch (ProviderException e) {
      return StreamSession.refused(listener, e);
    }
    return StreamSession.start(
        transport,
        call,
        framing(endpoint),
        streamTranslator(endpoint, ProviderCalls.secrets(endpoint)),
        listener,
        TokenEstimate.ofRequest(request));
  }

  @Override
  public final EmbeddingResponse embed(Endpoint endpoint, EmbeddingRequest request) {
    ProviderDescriptor provider = descriptor(endpoint);
    if (!provider.supports(Capability.EMBEDDINGS)) {
      throw ProviderCalls.unsupported(endpoint.providerId(), "embeddings");
    }
    BufferedResponse response =
        sendRenewing(endpoint, () -> embeddingsCall(provider, endpoint, request));
    EmbeddingResponse reply = read(endpoint, response, body -> readEmbeddings(body, request));
    return TokenEstimate.orEstimate(reply, request);
  }

  @Override
  public final List<ModelInfo> listModels(Endpoint endpoint) {
    ProviderDescriptor provider = descriptor(endpoint);
    if (!provider.listsModels()) {
      throw ProviderCalls.unsupported(endpoint.providerId(), "model listing");
    }
    BufferedResponse response = sendRenewing(endpoint, () -> modelsCall(provider, endpoint));
    return read(endpoint, response, this::readModels);
  }

  // ---- hooks

  /**
   * The provider the endpoint names: this family's only provider unless overridden. A family
   * serving several picks one per endpoint, with a {@link ProviderException} when it has none.
   */
  protected ProviderDescriptor descriptor(Endpoint endpoint) {
    if (providers.size() != 1) {
      throw new IllegalStateException(family + " serves several providers: it must pick one");
    }
    return providers.get(0);
  }

  /** The chat call, streaming or not, usually {@link #post}ed. */
  protected abstract TransportRequest chatCall(
      ProviderDescriptor provider, Endpoint endpoint, ChatRequest request, boolean stream);

  /**
   * The reply in a successful chat body; the template estimates the usage if it has none.
   *
   * @param requestId the upstream's request id header, or {@code null}
   */
  protected abstract ChatResponse readChat(JsonNode body, String requestId, ChatRequest request);

  /**
   * The reply of this endpoint's call: {@link #readChat(JsonNode, String, ChatRequest)} unless a
   * wire reads each endpoint differently.
   */
  protected ChatResponse readChat(
      Endpoint endpoint, JsonNode body, String requestId, ChatRequest request) {
    return readChat(body, requestId, request);
  }

  /** How the wire frames a stream: Server-Sent Events unless overridden. */
  protected Framing framing() {
    return Framing.SSE;
  }

  /** How this endpoint's stream is framed: the wire's {@link #framing()} unless overridden. */
  protected Framing framing(Endpoint endpoint) {
    return framing();
  }

  /** A fresh translator for one stream, masking {@code secrets} in any error it raises. */
  protected abstract FrameTranslator streamTranslator(String providerId, List<String> secrets);

  /**
   * A translator for one stream of this endpoint: {@link #streamTranslator(String, List)} unless
   * overridden.
   */
  protected FrameTranslator streamTranslator(Endpoint endpoint, List<String> secrets) {
    return streamTranslator(endpoint.providerId(), secrets);
  }

  /** The embeddings call, for families whose providers offer embeddings. */
  protected TransportRequest embeddingsCall(
      ProviderDescriptor provider, Endpoint endpoint, EmbeddingRequest request) {
    throw ProviderCalls.unsupported(endpoint.providerId(), "embeddings");
  }

  /** The embeddings in a successful body; the template estimates the usage if it has none. */
  protected EmbeddingResponse readEmbeddings(JsonNode body, EmbeddingRequest request) {
    throw new IllegalStateException(family + " sends no embeddings call");
  }

  /** The model listing call, for families whose providers list models. */
  protected TransportRequest modelsCall(ProviderDescriptor provider, Endpoint endpoint) {
    throw ProviderCalls.unsupported(endpoint.providerId(), "model listing");
  }

  /** The models in a successful listing body. */
  protected List<ModelInfo> readModels(JsonNode body) {
    throw new IllegalStateException(family + " sends no model listing call");
  }

  /** Headers this wire sends on every call; none unless overridden. */
  protected Map<String, String> wireHeaders(Endpoint endpoint) {
    return Map.of();
  }

  // ---- for the hooks

  /** A JSON POST with the provider's credential, the wire headers and this family's errors. */
  protected final TransportRequest post(
      ProviderDescriptor provider, Endpoint endpoint, URI uri, JsonNode body) {
    return ProviderCalls.post(
        endpoint, provider.authStyle(), uri, body, wireHeaders(endpoint), errors);
  }

  /** A GET with the provider's credential, the wire headers and this family's errors. */
  protected final TransportRequest get(ProviderDescriptor provider, Endpoint endpoint, URI uri) {
    return ProviderCalls.get(endpoint, provider.authStyle(), uri, wireHeaders(endpoint), errors);
  }

  /**
   * Sends a call; a 401 from an endpoint whose auth profile can renew its credential (an expired or
   * revoked token) renews it and sends the call, rebuilt with the fresh credential, once more.
   */
  private BufferedResponse sendRenewing(Endpoint endpoint, Supplier<TransportRequest> call) {
    TransportRequest first = call.get(); // a credential that cannot be obtained fails here, as is
    try {
      return transport.send(first);
    } catch (ProviderException e) {
      if (e.httpStatus() == 401
          && endpoint.auth() != null
          && endpoint.auth().renewAfterUnauthorized()) {
        return transport.send(call.get());
      }
      throw e;
    }
  }

  private static <T> T read(
      Endpoint endpoint, BufferedResponse response, Function<JsonNode, T> reader) {
    JsonNode body = ProviderCalls.json(endpoint.providerId(), response);
    try {
      return reader.apply(body);
    } catch (WireFormatException e) {
      throw ProviderCalls.malformed(endpoint.providerId(), response.status(), e);
    }
  }
}
