package dev.switchboard.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's own HTTP/1.1 server, on raw sockets: framing, keep-alive, refusals, resets. */
class ServerTest {

  private final Set<String> threads = ConcurrentHashMap.newKeySet();
  private Server server;

  /** Echoes the request body; {@code /stream} answers three chunks, {@code /reset} resets. */
  private void handle(Exchange exchange) throws IOException {
    threads.add(Thread.currentThread().getName());
    String path = exchange.rawPath();
    byte[] body = path.equals("/ignore") ? new byte[0] : exchange.body().readAllBytes();
    if (path.equals("/stream")) {
      OutputStream out = exchange.respondStream(200);
      for (String frame : new String[] {"one\n", "two\n", "three\n"}) {
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      exchange.end();
    } else if (path.equals("/reset")) {
      OutputStream out = exchange.respondStream(200);
      out.write("partial".getBytes(StandardCharsets.UTF_8));
      out.flush();
      exchange.abort();
    } else if (path.equals("/hold")) {
      exchange.hold();
    } else {
      exchange.responseHeaders().set("X-Path", path + "?" + exchange.rawQuery());
      exchange.respond(200, body.length).write(body);
      exchange.end();
    }
  }

  @BeforeEach
  void start() throws IOException {
    server = new Server(new InetSocketAddress("127.0.0.1", 0), 2, 16, this::handle);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String post(String path, String body, String... headers) {
    StringBuilder sb = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: x\r\n");
    for (String header : headers) {
      sb.append(header).append("\r\n");
    }
    sb.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
    return sb.toString();
  }

  @Test
  void oneKeepAliveConnectionServesManyRequests() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      for (int i = 0; i < 100; i++) {
        c.send(post("/echo", "request " + i));
        RawConnection.Response r = c.read();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("request " + i);
        assertThat(r.header("Connection")).isNull();
      }
    }
    assertThat(threads).hasSize(1); // one connection, one thread, all along
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(post("/a?x=1", "first") + post("/b", "second") + post("/c", "third"));
      assertThat(c.read().body()).isEqualTo("first");
      RawConnection.Response second = c.read();
      assertThat(second.body()).isEqualTo("second");
      assertThat(second.header("X-Path")).isEqualTo("/b?null");
      assertThat(c.read().body()).isEqualTo("third");
    }
  }

  @Test
  void chunkedRequestBodiesAreDecoded() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(
          "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n");
      assertThat(c.read().body()).isEqualTo("hello, world");
      c.send(post("/echo", "after")); // the connection is still in step
      assertThat(c.read().body()).isEqualTo("after");
    }
  }

  @Test
  void expectContinueIsAnsweredBeforeTheBody() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
      assertThat(c.read().status()).isEqualTo(100);
      c.send("body");
      assertThat(c.read().body()).isEqualTo("body");
    }
  }

  @Test
  void http10ClosesUnlessAskedToKeepAlive() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send("GET /plain HTTP/1.0\r\n\r\n");
      RawConnection.Response r = c.read();
      assertThat(r.statusLine()).startsWith("HTTP/1.1 200");
      assertThat(r.header("Connection")).isEqualTo("close");
      assertThat(c.closedByServer()).isTrue();
    }
    try (RawConnection c = new RawConnection(server.port())) {
      c.send("GET /one HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
      assertThat(c.read().header("Connection")).isEqualTo("keep-alive");
      c.send("GET /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
      RawConnection.Response stream = c.read(); // not chunked: the body ends with the connection
      assertThat(stream.header("Transfer-Encoding")).isNull();
      assertThat(stream.body()).isEqualTo("one\ntwo\nthree\n");
    }
  }

  @Test
  void streamsAreChunkedOneChunkPerFlush() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
      RawConnection.Response r = c.read();
      assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
      assertThat(r.body()).isEqualTo("one\ntwo\nthree\n");
      c.send("GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(c.read().header("Connection")).isEqualTo("close");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void anH2cUpgradeIsIgnored() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(
          "GET /up HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\n"
              + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n");
      assertThat(c.read().statusLine()).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void aMalformedRequestLineGets400AndTheConnectionCloses() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send("THIS IS NOT HTTP\r\n\r\n");
      assertThat(c.read().status()).isEqualTo(400);
      assertThat(c.closedByServer()).isTrue();
    }
    try (RawConnection c = new RawConnection(server.port())) {
      c.send("GET /x HTTP/1.1\r\nBad Header: y\r\n\r\n");
      assertThat(c.read().status()).isEqualTo(400);
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void anOversizedHeaderBlockIsRefused() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      StringBuilder head = new StringBuilder("GET /x HTTP/1.1\r\nHost: x\r\n");
      for (int i = 0; i < 100; i++) {
        head.append("X-Filler-").append(i).append(": ").append("f".repeat(1000)).append("\r\n");
      }
      c.send(head.append("\r\n").toString());
      assertThat(c.read().status()).isEqualTo(431);
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void abortResetsTheConnection() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send("GET /reset HTTP/1.1\r\nHost: x\r\n\r\n");
      // a reset, not a clean close: the read fails instead of reaching the end of the stream
      assertThatThrownBy(c::read).isInstanceOf(SocketException.class).hasMessageContaining("reset");
    }
  }

  @Test
  void closeDropsAHeldConnection() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n");
      try (RawConnection other = new RawConnection(server.port())) {
        other.send(post("/echo", "still served")); // the held one holds no thread
        assertThat(other.read().body()).isEqualTo("still served");
      }
      server.close();
      assertThatThrownBy(() -> readToEnd(c)).isInstanceOf(IOException.class);
    }
  }

  private static void readToEnd(RawConnection c) throws IOException {
    if (c.closedByServer()) {
      throw new IOException("end of stream");
    }
  }

  @Test
  void manyConcurrentConnectionsBeyondTheReadyThreads() throws Exception {
    RawConnection[] open = new RawConnection[10];
    try {
      for (int i = 0; i < open.length; i++) {
        open[i] = new RawConnection(server.port());
        open[i].send(post("/echo", "c" + i));
      }
      for (int i = 0; i < open.length; i++) {
        assertThat(open[i].read().body()).isEqualTo("c" + i);
      }
    } finally {
      for (RawConnection c : open) {
        if (c != null) {
          c.close();
        }
      }
    }
  }

  @Test
  void aRequestBodyLeftUnreadIsSkippedBeforeTheNextRequest() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(post("/ignore", "not read by the handler"));
      assertThat(c.read().body()).isEmpty();
      c.send(post("/echo", "next"));
      assertThat(c.read().body()).isEqualTo("next");
    }
  }
}
