package dev.switchboard.providers.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.net.AddressPolicy;
import dev.switchboard.providers.net.StagedDns;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * https pinned to the checked address: the connection goes to the IP literal, the handshake sends
 * the original name as SNI and the certificate is checked against that name. The server's
 * certificate names {@code sim.switchboard.test} only, no IP address, and the system resolver knows
 * neither name used here.
 */
class TlsPinningTest {

  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final AddressPolicy LOOPBACK =
      AddressPolicy.defaults().withAllowed("127.0.0.1/32");

  private static HttpsServer server;
  private static HttpTransport transport;
  private static final AtomicInteger served = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in =
        TlsPinningTest.class.getResourceAsStream("/tls/sim-switchboard-test.p12")) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    server.createContext("/", TlsPinningTest::echo);
    server.start();

    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keys);
    transport = new HttpTransport(tmf.getTrustManagers());
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Test
  void httpsCallReachesThePinnedAddressAndVerifiesTheCertificateAgainstTheName() {
    StagedDns dns = new StagedDns().answer("sim.switchboard.test", "127.0.0.1");

    BufferedResponse r = transport.send(get("sim.switchboard.test", dns.applyTo(LOOPBACK)));

    int port = server.getAddress().getPort();
    assertThat(r.status()).isEqualTo(200);
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .isEqualTo("host=sim.switchboard.test:" + port + " sni=[sim.switchboard.test]");
  }

  @Test
  void certificateThatDoesNotNameTheHostIsRefused() {
    int before = served.get();
    StagedDns dns = new StagedDns().answer("other.switchboard.test", "127.0.0.1");

    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () -> transport.send(get("other.switchboard.test", dns.applyTo(LOOPBACK))));

    assertThat(e).isNotNull();
    assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(served.get()).isEqualTo(before);
  }

  @Test
  void httpsToAForbiddenAddressIsRefusedBeforeTheHandshake() {
    int before = served.get();
    StagedDns dns = new StagedDns().answer("sim.switchboard.test", "127.0.0.1");

    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () ->
                transport.send(get("sim.switchboard.test", dns.applyTo(AddressPolicy.defaults()))));

    assertThat(e.providerCode()).contains(AddressPolicy.CODE);
    assertThat(served.get()).isEqualTo(before);
  }

  private static TransportRequest get(String host, AddressPolicy policy) {
    return new TransportRequest(
        "openai",
        "GET",
        URI.create("https://" + host + ":" + server.getAddress().getPort() + "/echo"),
        Map.of(),
        null,
        Endpoint.Timeouts.DEFAULTS,
        1024,
        List.of(),
        error ->
            ProviderException.builder(ErrorCategory.UNAVAILABLE, "HTTP " + error.status()).build(),
        policy);
  }

  private static void echo(com.sun.net.httpserver.HttpExchange exchange)
      throws java.io.IOException {
    served.incrementAndGet();
    ExtendedSSLSession session = (ExtendedSSLSession) ((HttpsExchange) exchange).getSSLSession();
    List<String> sni =
        session.getRequestedServerNames().stream()
            .map(n -> ((SNIHostName) n).getAsciiName())
            .toList();
    byte[] body =
        ("host=" + exchange.getRequestHeaders().getFirst("Host") + " sni=" + sni)
            .getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
