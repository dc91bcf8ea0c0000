package dev.switchboard.providers.transport;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.regex.Pattern;
import javax.net.ssl.TrustManager;

/**
 * The one way to HTTP for every adapter. Streams ({@link #exchange}) go through the JDK {@link
 * HttpClient} (HTTP/1.1, its body delivered as it arrives); buffered calls ({@link #send}) through
 * {@link DirectCalls}, a pooled HTTP/1.1 client on the calling thread. Both add what the JDK client
 * lacks, with the same rules: the network guard (each request's {@code AddressPolicy} checked after
 * DNS, the call pinned to the checked address, see {@link Route}), same-origin redirects only, an
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
  private final DirectCalls direct;

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
    this.direct = new DirectCalls(trust, executor);
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
   * Makes a call and waits for its whole (capped) body, on the calling thread (see {@link
   * DirectCalls}): the JDK client's selector and worker threads are for streams.
   *
   * @throws ProviderException on any failure, error statuses translated by the request's mapping
   */
  public BufferedResponse send(TransportRequest request) {
    return direct.send(request);
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
      checkHeader(r, h.getKey(), h.getValue());
      b.header(h.getKey(), h.getValue());
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

  /**
   * Refuses a header whose name is not a token or is a framing header, or whose value holds a
   * control character (CR/LF above all) or a character beyond ISO-8859-1; the error names the
   * header, never its value.
   */
  static void checkHeader(TransportRequest r, String name, String value) {
    if (!TOKEN.matcher(name).matches()
        || FORBIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT))
        || value == null
        || !validValue(value)) {
      throw ProviderException.builder(
              ErrorCategory.BAD_REQUEST,
              "header '" + name + "' is not allowed or has an invalid value")
          .provider(r.providerId())
          .providerCode("invalid_header")
          .redact(r.secrets())
          .build();
    }
  }

  private static boolean validValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
        return false;
      }
    }
    return true;
  }

  private static boolean hostHeaderAllowed() {
    try {
      HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "probe");
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
