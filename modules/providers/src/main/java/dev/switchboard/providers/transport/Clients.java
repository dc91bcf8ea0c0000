package dev.switchboard.providers.transport;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * The JDK clients the transport uses: one per connect timeout for plain calls, and for https calls
 * pinned to an address one per (timeout, TLS name). A pinned client sends that name as SNI; the
 * JDK's trust manager then checks the certificate against the SNI name rather than the IP literal
 * connected to. Each name gets its own {@link SSLContext} so a TLS session proven for one name is
 * never resumed for another that happens to share its address. The least recently used clients are
 * dropped beyond a bound (each JDK client owns a selector thread until it is collected).
 */
final class Clients {

  private static final int MAX_CLIENTS = 64;

  private record Key(Duration connect, String tlsName) {}

  private final TrustManager[] trust;
  private final Map<Key, HttpClient> clients =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, HttpClient> eldest) {
          return size() > MAX_CLIENTS;
        }
      };

  /**
   * @param trust the trust managers for pinned https calls, or {@code null} for the JVM's default
   *     trust store ({@code javax.net.ssl.trustStore}, else {@code cacerts})
   */
  Clients(TrustManager[] trust) {
    this.trust = trust;
  }

  synchronized HttpClient get(Duration connect, String tlsName) {
    return clients.computeIfAbsent(new Key(connect, tlsName), this::create);
  }

  private HttpClient create(Key key) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(key.connect())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1);
    if (key.tlsName() != null) {
      SSLContext context = context();
      SSLParameters params = context.getDefaultSSLParameters();
      params.setServerNames(List.of(new SNIHostName(key.tlsName())));
      params.setEndpointIdentificationAlgorithm("HTTPS");
      b.sslContext(context).sslParameters(params);
    } else if (trust != null) {
      b.sslContext(context());
    }
    return b.build();
  }

  private SSLContext context() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS context available", e);
    }
  }
}
