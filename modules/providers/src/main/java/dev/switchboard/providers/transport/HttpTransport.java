package dev.switchboard.providers.transport;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.regex.Pattern;
import javax.net.ssl.TrustManager;

/**
 * The one way to HTTP for every adapter. Wraps {@link HttpClient} (HTTP/1.1, redirects handled
 * here: same origin only) and adds what it lacks: the network guard (each request's {@code
 * AddressPolicy} checked after DNS, the call pinned to the checked address, see {@link Route}), an
 * idle deadline while waiting for bytes, a total deadline for the whole call, a cap on response
 * bytes, and header hygiene. Thread-safe; one instance serves all adapters.
 */
public final class HttpTransport {

  /** The JDK system property that lets a request carry its own {@code Host} header. */
  public static final String RESTRICTED_HEADERS_PROPERTY = "jdk.httpclient.allowRestrictedHeaders";

  /** The most bytes of an error body kept for classification. */
  public static final int ERROR_BODY_LIMIT = 64 * 1024;

  /**
   * Whether requests can be pinned to the checked address: the JDK refuses a {@code Host} header
   * unless {@code jdk.httpclient.allowRestrictedHeaders} names it before its HTTP classes load. Set
   * here when absent; servers should set it on the command line (Liberty's {@code jvm.options})
   * since another library may load the JDK client first.
   */
  static final boolean PINNING;

  private static final System.Logger LOG = System.getLogger(HttpTransport.class.getName());

  static {
    if (System.getProperty(RESTRICTED_HEADERS_PROPERTY) == null) {
      System.setProperty(RESTRICTED_HEADERS_PROPERTY, "host");
    }
    PINNING = hostHeaderAllowed();
    if (!PINNING) {
      LOG.log(
          System.Logger.Level.WARNING,
          "provider calls are checked but not pinned to the checked address: start the JVM with -D"
              + RESTRICTED_HEADERS_PROPERTY
              + "=host");
    }
  }

  private static final HttpTransport SHARED = new HttpTransport();
  private static final Set<String> FORBIDDEN_HEADERS =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "expect",
          "upgrade",
          "te",
          "trailer",
          "keep-alive",
          "proxy-connection");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final Clients clients;
  private final ExecutorService resolvers;
  private final ScheduledExecutorService timers;

  public HttpTransport() {
    this(null);
  }

  /**
   * A transport trusting the given certificates for https (tests, a private CA).
   *
   * @param trust trust managers, or {@code null} for the JVM's default trust store
   */
  HttpTransport(TrustManager[] trust) {
    this.clients = new Clients(trust);
    this.resolvers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "switchboard-provider-dns");
              t.setDaemon(true);
              return t;
            });
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "switchboard-provider-timers");
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    this.timers = executor;
  }

  /** The transport the adapters use unless given another. */
  public static HttpTransport shared() {
    return SHARED;
  }

  /**
   * Starts a call whose response body reaches the sink as it arrives.
   *
   * @return the running exchange, to cancel it
   */
  public Exchange exchange(TransportRequest request, ResponseSink sink) {
    Exchange exchange = new Exchange(this, request, sink);
    exchange.start();
    return exchange;
  }

  /**
   * Makes a call and waits for its whole (capped) body.
   *
   * @throws ProviderException on any failure, error statuses translated by the request's mapping
   */
  public BufferedResponse send(TransportRequest request) {
    CompletableFuture<BufferedResponse> result = new CompletableFuture<>();
    Exchange exchange = exchange(request, new Collector(result));
    try {
      return result.get();
    } catch (InterruptedException e) {
      exchange.cancel();
      Thread.currentThread().interrupt();
      throw ProviderException.builder(ErrorCategory.TIMEOUT, "interrupted while waiting")
          .provider(request.providerId())
          .providerCode("interrupted")
          .build();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ProviderException pe) {
        throw pe;
      }
      throw ProviderException.builder(ErrorCategory.UPSTREAM_PROTOCOL, "call failed")
          .provider(request.providerId())
          .cause(e.getCause())
          .build();
    }
  }

  HttpClient client(Duration connectTimeout, String tlsName) {
    return clients.get(connectTimeout, tlsName);
  }

  /** Where DNS lookups run, so that neither the caller nor an exchange's lock waits on them. */
  Executor resolvers() {
    return resolvers;
  }

  ScheduledExecutorService timers() {
    return timers;
  }

  /**
   * Builds the JDK request. Headers are checked here because values come from admins' variables:
   * CR/LF, framing headers and invalid names are refused, naming the header but not its value.
   */
  HttpRequest toHttpRequest(TransportRequest r, Route route, Duration headerWait) {
    HttpRequest.Builder b = HttpRequest.newBuilder(route.target()).timeout(headerWait);
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      String name = h.getKey();
      String value = h.getValue();
      if (!TOKEN.matcher(name).matches()
          || FORBIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT))
          || value == null
          || value.indexOf('\r') >= 0
          || value.indexOf('\n') >= 0) {
        throw ProviderException.builder(
                ErrorCategory.BAD_REQUEST,
                "header '" + name + "' is not allowed or has an invalid value")
            .provider(r.providerId())
            .providerCode("invalid_header")
            .redact(r.secrets())
            .build();
      }
      b.header(name, value);
    }
    if (route.hostHeader() != null) {
      b.header("Host", route.hostHeader());
    }
    HttpRequest.BodyPublisher body =
        r.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(r.body());
    return b.method(r.method(), body).build();
  }

  private static boolean hostHeaderAllowed() {
    try {
      HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "probe");
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Collects a successful body for {@link #send}. */
  private static final class Collector implements ResponseSink {
    private final CompletableFuture<BufferedResponse> result;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status;
    private HttpHeaders headers;

    Collector(CompletableFuture<BufferedResponse> result) {
      this.result = result;
    }

    @Override
    public void onResponse(int status, HttpHeaders headers) {
      this.status = status;
      this.headers = headers;
    }

    @Override
    public void onBytes(ByteBuffer bytes) {
      byte[] chunk = new byte[bytes.remaining()];
      bytes.get(chunk);
      body.writeBytes(chunk);
    }

    @Override
    public void onComplete() {
      result.complete(new BufferedResponse(status, headers, body.toByteArray()));
    }

    @Override
    public void onFailure(ProviderException error) {
      result.completeExceptionally(error);
    }
  }
}
