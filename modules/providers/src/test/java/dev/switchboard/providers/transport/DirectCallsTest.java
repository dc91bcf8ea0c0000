package dev.switchboard.providers.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.net.AddressPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The calling-thread client behind {@link HttpTransport#send}, against a real HTTP/1.1 peer on a
 * socket whose answers each test scripts: keep-alive reuse, a pooled connection the server closed,
 * HTTP/1.1 framings, and a server that stops reading. Timeouts, caps, redirects, TLS pinning and
 * the network guard are proven for every provider family by the adapter tests.
 */
class DirectCallsTest {

  private static final AddressPolicy LOOPBACK =
      AddressPolicy.defaults().withAllowed("127.0.0.1/32");

  private final HttpTransport transport = new HttpTransport();
  private Peer peer;

  @AfterEach
  void stop() throws IOException {
    if (peer != null) {
      peer.close();
    }
  }

  @Test
  void consecutiveCallsShareOneKeepAliveConnection() throws Exception {
    peer = new Peer(n -> ok("answer " + n, false));

    for (int i = 1; i <= 5; i++) {
      BufferedResponse r = transport.send(post("/v1/chat", "{\"n\":" + i + "}"));
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("answer " + i);
    }

    assertThat(peer.connections.get()).isEqualTo(1);
    assertThat(peer.requests).hasSize(5);
    assertThat(peer.requests.get(0))
        .startsWith("POST /v1/chat HTTP/1.1\r\n")
        .contains("Host: 127.0.0.1:" + peer.port() + "\r\n")
        .contains("Content-Length: 7\r\n")
        .endsWith("\r\n\r\n{\"n\":1}");
  }

  @Test
  void aPooledConnectionTheServerClosedIsReplacedAndTheRequestIsSentOnlyOnce() throws Exception {
    peer = new Peer(n -> ok("answer " + n, false));
    peer.closeAfterEachAnswer = true; // without saying so, as an idle timeout on the server does

    transport.send(post("/a", "1"));
    BufferedResponse second = transport.send(post("/b", "2"));

    assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("answer 2");
    assertThat(peer.requests).hasSize(2);
    assertThat(peer.connections.get()).isEqualTo(2);
  }

  @Test
  void connectionCloseFromTheServerIsHonoured() throws Exception {
    peer = new Peer(n -> ok("answer " + n, true));

    transport.send(post("/a", "1"));
    transport.send(post("/b", "2"));

    assertThat(peer.connections.get()).isEqualTo(2);
  }

  @Test
  void chunkedBodyWithExtensionsAndTrailersIsDecodedAndTheConnectionKept() throws Exception {
    peer =
        new Peer(
            n ->
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Request-Id: req-"
                    + n
                    + "\r\n\r\n"
                    + "5;ext=1\r\nhello\r\n"
                    + "7\r\n, world\r\n"
                    + "0\r\nX-Trailer: t\r\n\r\n");

    BufferedResponse first = transport.send(post("/a", "1"));
    BufferedResponse second = transport.send(post("/b", "2"));

    assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("hello, world");
    assertThat(second.requestId()).isEqualTo("req-2");
    assertThat(peer.connections.get()).isEqualTo(1);
  }

  @Test
  void bodyWithoutFramingEndsWithTheConnection() throws Exception {
    peer = new Peer(n -> "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
    peer.closeAfterEachAnswer = true;

    BufferedResponse r = transport.send(post("/a", "1"));

    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("until the end");
  }

  @Test
  void interimResponsesAreSkipped() throws Exception {
    peer =
        new Peer(
            n ->
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
                    + ok("final", false));

    BufferedResponse r = transport.send(post("/a", "1"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("final");
  }

  @Test
  void errorStatusIsTranslatedWithItsBodyAndTheConnectionReused() throws Exception {
    peer =
        new Peer(
            n ->
                n == 1
                    ? "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 2\r\nContent-Length: 9\r\n\r\n"
                        + "slow down"
                    : ok("fine", false));

    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> transport.send(post("/a", "1")));
    BufferedResponse r = transport.send(post("/b", "2"));

    assertThat(e.getMessage()).isEqualTo("HTTP 429: slow down");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("fine");
    assertThat(peer.connections.get()).isEqualTo(1);
  }

  @Test
  void declaredLengthOverTheCapIsRefusedBeforeTheBodyIsRead() throws Exception {
    peer = new Peer(n -> "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n");

    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> transport.send(post("/a", "1", 1024)));

    assertThat(e.providerCode()).contains("response_too_large");
  }

  @Test
  void malformedStatusLineIsAProtocolError() throws Exception {
    peer = new Peer(n -> "SMTP ready\r\n\r\n");

    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> transport.send(post("/a", "1")));

    assertThat(e.category()).isEqualTo(ErrorCategory.UPSTREAM_PROTOCOL);
    assertThat(e.providerCode()).contains("malformed_response");
  }

  @Test
  void serverThatStopsReadingALargeBodyIsCutAtTheTotalDeadline() throws Exception {
    try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try (Socket s = deaf.accept()) {
                  Thread.sleep(10_000); // holds the connection, never reads
                } catch (IOException | InterruptedException ignored) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      byte[] body = new byte[32 * 1024 * 1024];
      TransportRequest request =
          request(
              URI.create("http://127.0.0.1:" + deaf.getLocalPort() + "/a"),
              body,
              new Endpoint.Timeouts(
                  Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMillis(800)),
              1024);

      long start = System.nanoTime();
      ProviderException e =
          catchThrowableOfType(ProviderException.class, () -> transport.send(request));

      assertThat(e).isNotNull();
      assertThat(e.category()).isIn(ErrorCategory.TIMEOUT, ErrorCategory.UNAVAILABLE);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
      acceptor.interrupt();
    }
  }

  private static String ok(String body, boolean close) {
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
        + body.length()
        + (close ? "\r\nConnection: close" : "")
        + "\r\n\r\n"
        + body;
  }

  private TransportRequest post(String path, String body) {
    return post(path, body, 1 << 20);
  }

  private TransportRequest post(String path, String body, long cap) {
    return request(
        URI.create("http://127.0.0.1:" + peer.port() + path),
        body.getBytes(StandardCharsets.UTF_8),
        Endpoint.Timeouts.DEFAULTS,
        cap);
  }

  private static TransportRequest request(
      URI uri, byte[] body, Endpoint.Timeouts timeouts, long cap) {
    return new TransportRequest(
        "openai",
        "POST",
        uri,
        Map.of("Content-Type", "application/json"),
        body,
        timeouts,
        cap,
        List.of(),
        error ->
            ProviderException.builder(
                    ErrorCategory.RATE_LIMITED, "HTTP " + error.status() + ": " + error.bodyText())
                .retryAfter(error.retryHints().retryAfter().orElse(null))
                .build(),
        LOOPBACK);
  }

  /**
   * An HTTP/1.1 server on a socket: reads each request (head and Content-Length body) and writes
   * the scripted answer for the n-th request, keeping the connection unless told otherwise.
   */
  private static final class Peer implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger connections = new AtomicInteger();
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile boolean closeAfterEachAnswer;
    private final Function<Integer, String> script;

    Peer(Function<Integer, String> script) throws IOException {
      this.script = script;
      Thread t = new Thread(this::accept, "peer");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          connections.incrementAndGet();
          Thread t = new Thread(() -> serve(s), "peer-connection");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try (s) {
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = s.getOutputStream();
        while (true) {
          StringBuilder head = new StringBuilder();
          int length = 0;
          for (String line = in.readLine(); ; line = in.readLine()) {
            if (line == null) {
              return;
            }
            head.append(line).append("\r\n");
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
              length = Integer.parseInt(line.substring(15).strip());
            }
            if (line.isEmpty()) {
              break;
            }
          }
          char[] body = new char[length];
          for (int read = 0; read < length; ) {
            read += in.read(body, read, length - read);
          }
          requests.add(head + new String(body));
          out.write(script.apply(requests.size()).getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          if (closeAfterEachAnswer) {
            return;
          }
        }
      } catch (IOException e) {
        // the client went away
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
