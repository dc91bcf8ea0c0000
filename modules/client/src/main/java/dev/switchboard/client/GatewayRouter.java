package dev.switchboard.client;

import dev.switchboard.client.wire.BearerToken;
import dev.switchboard.client.wire.ChatRequests;
import dev.switchboard.client.wire.ChatResponses;
import dev.switchboard.client.wire.ContextHeaders;
import dev.switchboard.client.wire.GatewayApi;
import dev.switchboard.client.wire.GatewayErrors;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.ChatStream;
import dev.switchboard.core.router.ChatStreamListener;
import dev.switchboard.core.router.LlmRouter;
import dev.switchboard.core.router.RoutedChat;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * {@link LlmRouter} over a Switchboard gateway's OpenAI-compatible API: what an application outside
 * the EAR injects. The gateway routes (features, fallbacks, retries, circuits); this bean only
 * carries the call and maps the answer back, so a remote call fails with the same {@link
 * ProviderException} categories as an in-process one.
 *
 * <p>Configured by {@link ClientSettings} from MicroProfile Config. The call context's feature,
 * caller and tags travel as headers; the workspace is the API key's. Streams are read on a worker
 * thread of this bean, event by event, never buffered; they go over the JDK's HttpClient, whose
 * connection a cancel aborts ({@link StreamConnection}), and a stream silent for longer than the
 * read timeout ends with a timeout.
 */
@ApplicationScoped
public class GatewayRouter implements LlmRouter, AutoCloseable {

  private static final String DISABLE_DEFAULT_MAPPER =
      "microprofile.rest.client.disable.default.mapper";

  private GatewayApi api;
  private JsonProvider json;
  private ChatRequests requests;
  private ExecutorService streams;
  private ClientSettings settings;
  private HttpClient http;
  private Set<RemoteStream> open;
  private ScheduledExecutorService idleCheck;

  /** For the CDI proxy only. */
  protected GatewayRouter() {}

  @Inject
  GatewayRouter(Config config) {
    this(ClientSettings.from(config));
  }

  /** A router outside CDI (tests, plain Java); {@link #close()} it when done. */
  public GatewayRouter(ClientSettings settings) {
    Objects.requireNonNull(settings, "settings");
    this.json = JsonProvider.provider();
    this.requests = new ChatRequests(json);
    this.api =
        RestClientBuilder.newBuilder()
            .baseUri(settings.url())
            .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .register(new BearerToken(settings.apiKey()))
            .property(DISABLE_DEFAULT_MAPPER, true)
            .build(GatewayApi.class);
    this.streams = Executors.newCachedThreadPool(new StreamThreads());
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .executor(streams)
            .build();
    this.open = ConcurrentHashMap.newKeySet();
    this.idleCheck = Executors.newSingleThreadScheduledExecutor(new StreamThreads());
    long timeout = settings.readTimeout().toNanos();
    long every = Math.max(50, Math.min(1000, settings.readTimeout().toMillis() / 4));
    idleCheck.scheduleWithFixedDelay(
        () -> open.forEach(st -> st.checkIdle(System.nanoTime(), timeout)),
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Creates the bean when the application starts, so that a missing or invalid key fails the
   * deployment, naming the key, instead of the first call.
   */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    Objects.requireNonNull(api, "the Switchboard client is not configured");
  }

  @Override
  public RoutedChat chat(ChatRequest request, CallContext context) {
    String body = requests.chat(request, false);
    try (Response r =
        send(() -> api.chatCompletions(feature(context), caller(context), tags(context), body))) {
      String model = r.getHeaderString(ResponseBodies.MODEL);
      ChatResponse response =
          parse(() -> ChatResponses.completion(ResponseBodies.object(json, r), model));
      return new RoutedChat(
          response,
          r.getHeaderString(ResponseBodies.PROVIDER),
          model,
          ResponseBodies.attempts(r),
          r.getHeaderString(ResponseBodies.REQUEST_ID));
    }
  }

  @Override
  public ChatStream stream(ChatRequest request, CallContext context, ChatStreamListener listener) {
    Objects.requireNonNull(listener, "listener");
    String body = requests.chat(request, true);
    RemoteStream stream =
        new RemoteStream(
            () -> StreamConnection.open(http, settings, json, body, context),
            listener,
            json,
            streams,
            open::remove);
    open.add(stream);
    streams.execute(stream);
    return stream;
  }

  @Override
  public EmbeddingResponse embed(EmbeddingRequest request, CallContext context) {
    String body = requests.embeddings(request);
    try (Response r =
        send(() -> api.embeddings(feature(context), caller(context), tags(context), body))) {
      return parse(() -> ChatResponses.embeddings(ResponseBodies.object(json, r)));
    }
  }

  /** Stops the stream workers and the Rest Client; streams still open are cut. */
  @PreDestroy
  public void close() {
    if (idleCheck != null) {
      idleCheck.shutdownNow();
    }
    if (open != null) {
      open.forEach(RemoteStream::cancel);
    }
    if (streams != null) {
      streams.shutdownNow();
    }
    if (api != null) {
      api.close();
    }
  }

  /** Makes a call; an error status or a failed connection becomes a {@link ProviderException}. */
  private Response send(Supplier<Response> call) {
    Response r;
    try {
      r = call.get();
    } catch (WebApplicationException e) {
      r = e.getResponse();
    } catch (ProcessingException e) {
      throw GatewayErrors.connection(e, false);
    }
    if (r.getStatus() >= 400) {
      try {
        throw ResponseBodies.error(json, r);
      } finally {
        r.close();
      }
    }
    return r;
  }

  private static <T> T parse(Supplier<T> reading) {
    try {
      return reading.get();
    } catch (ProviderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw GatewayErrors.protocol(
          "malformed_response", "the gateway's answer is not as expected", e);
    }
  }

  private static String feature(CallContext context) {
    return context == null ? null : ContextHeaders.feature(context);
  }

  private static String caller(CallContext context) {
    return context == null ? null : ContextHeaders.caller(context);
  }

  private static String tags(CallContext context) {
    return context == null ? null : ContextHeaders.tags(context);
  }

  /** Daemon threads with a recognisable name: a stream never keeps a JVM alive. */
  private static final class StreamThreads implements java.util.concurrent.ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread t = new Thread(task, "switchboard-client-stream-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
