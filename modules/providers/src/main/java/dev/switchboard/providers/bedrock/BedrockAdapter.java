package dev.switchboard.providers.bedrock;

import static dev.switchboard.core.model.Capability.CHAT;
import static dev.switchboard.core.model.Capability.STREAMING;

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
import dev.switchboard.providers.wire.TokenEstimate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

/**
 * Amazon Bedrock's Converse API through the AWS SDK for Java v2: {@code converse} for whole
 * replies, {@code converseStream} (event-stream frames, async client) for streams. The endpoint's
 * {@link Endpoint.Aws} carries the region and the credentials setup: static keys, or an IAM role
 * assumed through STS whose temporary credentials are cached and refreshed before they expire (see
 * {@link CredentialTiming}); its {@code apiKey} is the secret access key, its {@code baseUrl} an
 * optional Bedrock Runtime endpoint override. Extra headers are sent (and signed) with every call.
 *
 * <p>The network guard applies to the Bedrock and STS endpoints: both are checked before use, and
 * the Apache client (Converse, STS) resolves names through it, so it connects only to checked
 * addresses; the netty client (ConverseStream) has no resolver hook, so its channels check the
 * address netty resolved at the moment they connect to it ({@link GuardedSocketChannel}).
 */
public final class BedrockAdapter implements ProviderAdapter {

  public static final ProviderDescriptor BEDROCK =
      new ProviderDescriptor(
          "bedrock",
          "Amazon Bedrock",
          "bedrock",
          null,
          AuthStyle.AWS_SIGV4,
          EnumSet.of(CHAT, STREAMING),
          false);

  private final BedrockClients clients;

  /** With the AWS SDK's default credential refresh timing (the {@code ServiceLoader} entry). */
  public BedrockAdapter() {
    this(CredentialTiming.DEFAULTS);
  }

  /** With another refresh timing, e.g. seconds for tests of short-lived credentials. */
  public BedrockAdapter(CredentialTiming timing) {
    this.clients = new BedrockClients(timing);
  }

  @Override
  public String family() {
    return "bedrock";
  }

  @Override
  public List<ProviderDescriptor> providers() {
    return List.of(BEDROCK);
  }

  @Override
  public ChatResponse chat(Endpoint endpoint, ChatRequest request) {
    BedrockClients.Setup setup = BedrockClients.setup(endpoint);
    List<String> secrets = secrets(endpoint);
    try {
      ConverseResponse response =
          clients.of(setup).sync().converse(BedrockRequests.converse(endpoint, request));
      return TokenEstimate.orEstimate(
          BedrockResponses.chat(response, BedrockRequests.modelId(endpoint, request)), request);
    } catch (ProviderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw BedrockErrors.map(e, secrets);
    }
  }

  @Override
  public StreamHandle stream(Endpoint endpoint, ChatRequest request, StreamListener listener) {
    BedrockStream stream =
        new BedrockStream(request, listener, secrets(endpoint), endpoint.maxResponseBytes());
    CompletableFuture<Void> call;
    try {
      BedrockClients.Setup setup = BedrockClients.setup(endpoint);
      setup.policy().check(setup.bedrock()); // the address is checked as netty connects to it
      call =
          clients
              .of(setup)
              .async()
              .converseStream(BedrockRequests.converseStream(endpoint, request), stream.handler());
    } catch (ProviderException e) {
      stream.fail(e);
      return new StreamHandle(() -> {}, stream.completion());
    } catch (RuntimeException e) {
      stream.fail(BedrockErrors.map(e, secrets(endpoint)));
      return new StreamHandle(() -> {}, stream.completion());
    }
    CompletableFuture<Void> deadline =
        call.orTimeout(endpoint.timeouts().total().toMillis(), TimeUnit.MILLISECONDS);
    stream.attach(deadline);
    return new StreamHandle(
        () -> {
          if (stream.cancelled()) {
            call.cancel(true);
          }
        },
        stream.completion());
  }

  @Override
  public EmbeddingResponse embed(Endpoint endpoint, EmbeddingRequest request) {
    throw unsupported("embeddings through Bedrock are not supported");
  }

  @Override
  public List<ModelInfo> listModels(Endpoint endpoint) {
    throw unsupported(
        "Bedrock lists models on its control-plane API, not the runtime: use the catalog");
  }

  /** Closes every cached SDK client (connection pools, credential refreshers). */
  public void close() {
    clients.closeAll();
  }

  private static List<String> secrets(Endpoint endpoint) {
    List<String> secrets = new ArrayList<>();
    if (endpoint.apiKey() != null) {
      secrets.add(endpoint.apiKey());
    }
    if (endpoint.aws() != null && endpoint.aws().externalId() != null) {
      secrets.add(endpoint.aws().externalId());
    }
    return secrets;
  }

  private static ProviderException unsupported(String message) {
    return ProviderException.builder(ErrorCategory.BAD_REQUEST, message)
        .provider(BedrockErrors.PROVIDER)
        .providerCode("unsupported")
        .build();
  }
}
