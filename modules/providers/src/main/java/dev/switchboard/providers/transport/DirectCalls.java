package dev.switchboard.providers.transport;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * Buffered calls ({@link HttpTransport#send}) made on the calling thread: one HTTP/1.1 exchange
 * over a pooled keep-alive socket, with no DNS thread, selector thread or worker thread between the
 * caller and the bytes. The JDK client cost about 230 µs of other threads' CPU per call here, and a
 * thread hop each way; a blocking socket costs a write and a read.
 *
 * <p>The rules are those of {@link Exchange}: the request's {@code AddressPolicy} resolves and
 * checks the host, and the socket connects to exactly that checked address (no second lookup, so no
 * DNS rebinding); over https the handshake sends the name as SNI and checks the certificate against
 * it, and a pooled TLS connection is only reused for the same name. Deadlines: connect, idle (no
 * byte for that long, the response head included) and total (checked before every read, which waits
 * at most what is left). Only same-origin 307/308 redirects are followed. Bodies are capped. A call
 * is not interruptible; its deadlines bound it.
 *
 * <p>A pooled connection the server has closed while it sat idle is detected when the request
 * written on it gets no byte of an answer (end of stream or a reset before the status line); the
 * request is then sent once more on a new connection: the server closed the connection without
 * reading the request, so it never acted on it. A timeout is never retried.
 */
final class DirectCalls {

  private static final int MAX_REDIRECTS = 3;
  private static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int MAX_IDLE_PER_DESTINATION = 64;
  private static final int MAX_TLS_NAMES = 64;
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(20);

  /** Where a connection goes: the checked address, and the TLS name for https. */
  private record Destination(InetAddress address, int port, String tlsName) {}

  /** Bodies larger than this may fill the socket's send buffer: a watchdog bounds the write. */
  private static final int WATCHED_BODY_BYTES = 64 * 1024;

  private final TrustManager[] trust;
  private final ScheduledExecutorService timers;
  private final Map<Destination, Deque<Connection>> idle = new ConcurrentHashMap<>();
  private final Map<String, SSLSocketFactory> tls =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SSLSocketFactory> eldest) {
          return size() > MAX_TLS_NAMES;
        }
      };

  /**
   * @param trust the trust managers for https, or {@code null} for the JVM's default trust store
   * @param timers runs the expiry of idle connections and the watchdog of large writes
   */
  DirectCalls(TrustManager[] trust, ScheduledExecutorService timers) {
    this.trust = trust;
    this.timers = timers;
    timers.scheduleWithFixedDelay(this::closeExpired, 10, 10, TimeUnit.SECONDS);
  }

  /**
   * Makes the call and returns its whole (capped) 2xx body.
   *
   * @throws ProviderException on any failure, error statuses translated by the request's mapping
   */
  BufferedResponse send(TransportRequest request) {
    long deadline = System.nanoTime() + request.timeouts().total().toNanos();
    TransportRequest current = request;
    for (int redirectsLeft = MAX_REDIRECTS; ; redirectsLeft--) {
      Reply reply = once(current, deadline);
      if (reply.response() != null) {
        return reply.response();
      }
      URI target = reply.location() == null ? null : resolve(current.uri(), reply.location());
      if (target == null || !Route.sameOrigin(current.uri(), target)) {
        throw TransportFailures.crossHostRedirect(current);
      }
      if ((reply.status() != 307 && reply.status() != 308) || redirectsLeft <= 0) {
        throw TransportFailures.unfollowedRedirect(current, reply.status());
      }
      current = current.redirectedTo(target);
    }
  }

  /** Closes idle connections that have waited too long; run now and then. */
  void closeExpired() {
    long now = System.nanoTime();
    for (Deque<Connection> q : idle.values()) {
      for (Iterator<Connection> it = q.iterator(); it.hasNext(); ) {
        Connection c = it.next();
        if (now - c.idleSince > IDLE_NANOS && q.removeFirstOccurrence(c)) {
          c.close();
        }
      }
    }
  }

  /** A 2xx response, a redirect's status and location, or an error status translated. */
  private record Reply(
      BufferedResponse response, int status, String location, ProviderException failure) {}

  private Reply once(TransportRequest r, long deadline) {
    byte[] head = head(r);
    InetAddress address;
    try {
      address = r.addressPolicy().resolve(r.uri());
    } catch (ProviderException e) {
      throw TransportFailures.attributed(r, e);
    }
    boolean https = "https".equalsIgnoreCase(r.uri().getScheme());
    Destination d = new Destination(address, port(r.uri()), https ? tlsName(r.uri()) : null);
    Connection pooled = take(d);
    if (pooled != null) {
      try {
        return exchange(pooled, r, head, deadline);
      } catch (StaleConnection stale) {
        pooled.close(); // the server closed it while idle and never read the request
      }
    }
    Connection fresh = open(d, r, deadline);
    try {
      return exchange(fresh, r, head, deadline);
    } catch (StaleConnection stale) {
      throw TransportFailures.connection(r, stale.getCause(), false);
    }
  }

  /** Thrown when a request got no byte of an answer: safe to send again on a new connection. */
  private static final class StaleConnection extends Exception {
    StaleConnection(IOException cause) {
      super(cause);
    }
  }

  private Reply exchange(Connection c, TransportRequest r, byte[] head, long deadline)
      throws StaleConnection {
    boolean reusable = false;
    // a socket write has no timeout: a server that stops reading a large body is cut at the
    // deadline
    ScheduledFuture<?> watchdog =
        r.body() != null && r.body().length > WATCHED_BODY_BYTES
            ? timers.schedule(c::close, deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
            : null;
    try {
      try {
        c.timing(r, deadline);
        c.out.write(head);
        if (r.body() != null) {
          c.out.write(r.body());
        }
        c.out.flush();
        c.in.mark(1);
        if (c.in.read() < 0) {
          throw new EOFException("connection closed before the response");
        }
        c.in.reset();
      } catch (SocketTimeoutException e) {
        throw timeout(r, c);
      } catch (IOException e) {
        throw new StaleConnection(e);
      }
      Head response = readHead(c, r);
      Reply reply = body(c, r, response);
      reusable = response.keepAlive() && c.drained;
      if (reply.failure() != null) {
        throw reply.failure();
      }
      return reply;
    } catch (SocketTimeoutException e) {
      throw timeout(r, c);
    } catch (IOException e) {
      throw TransportFailures.connection(r, e, true);
    } finally {
      if (watchdog != null) {
        watchdog.cancel(false);
      }
      if (reusable) {
        give(c);
      } else {
        c.close();
      }
    }
  }

  private static ProviderException timeout(TransportRequest r, Connection c) {
    if (c.timed.lastWaitWasTotal) {
      return TransportFailures.timeout(
          r, "total_timeout", "no complete response within " + r.timeouts().total());
    }
    return TransportFailures.timeout(
        r, "idle_timeout", "no bytes from upstream for " + r.timeouts().idle());
  }

  /** The status line and headers of a final (non-1xx) response. */
  private record Head(
      int status, HttpHeaders headers, long length, boolean chunked, boolean keepAlive) {}

  private Head readHead(Connection c, TransportRequest r) throws IOException {
    while (true) {
      int[] budget = {MAX_HEAD_BYTES};
      String statusLine = line(c.in, budget, r);
      if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
        throw malformed(r, "not an HTTP/1.x status line");
      }
      boolean http11 = statusLine.charAt(7) == '1';
      int status;
      try {
        status = Integer.parseInt(statusLine.substring(9, 12));
      } catch (NumberFormatException e) {
        throw malformed(r, "unreadable status code");
      }
      Map<String, List<String>> fields = new TreeMap<>();
      for (String l = line(c.in, budget, r); !l.isEmpty(); l = line(c.in, budget, r)) {
        int colon = l.indexOf(':');
        if (colon <= 0) {
          throw malformed(r, "unreadable header line");
        }
        String name = l.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        fields.computeIfAbsent(name, k -> new ArrayList<>(1)).add(l.substring(colon + 1).strip());
      }
      if (status >= 100 && status < 200) {
        continue; // an interim response (100 Continue, 103 Early Hints): the final one follows
      }
      HttpHeaders headers = HttpHeaders.of(fields, (n, v) -> true);
      boolean chunked =
          headers.allValues("transfer-encoding").stream()
              .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
      long length = -1;
      if (!chunked && headers.firstValue("content-length").isPresent()) {
        try {
          length = Long.parseLong(headers.firstValue("content-length").get().strip());
        } catch (NumberFormatException e) {
          throw malformed(r, "unreadable content-length");
        }
      }
      if (status == 204 || status == 304) {
        length = 0;
        chunked = false;
      }
      boolean close =
          headers.allValues("connection").stream()
              .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("close"));
      boolean keepAlive = http11 && !close && (chunked || length >= 0);
      return new Head(status, headers, length, chunked, keepAlive);
    }
  }

  private Reply body(Connection c, TransportRequest r, Head head) throws IOException {
    int status = head.status();
    if (status >= 200 && status < 300) {
      if (head.length() > r.maxResponseBytes()) {
        throw TransportFailures.tooLarge(r);
      }
      ByteArrayOutputStream body =
          new ByteArrayOutputStream(head.length() > 0 ? (int) head.length() : 512);
      if (!readBody(c, head, body, r.maxResponseBytes())) {
        throw TransportFailures.tooLarge(r);
      }
      return new Reply(
          new BufferedResponse(status, head.headers(), body.toByteArray()), status, null, null);
    }
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    readBody(c, head, kept, HttpTransport.ERROR_BODY_LIMIT); // the rest, if any, is not read
    if (status >= 300 && status < 400) {
      return new Reply(null, status, head.headers().firstValue("location").orElse(null), null);
    }
    UpstreamError error =
        new UpstreamError(
            r.providerId(),
            status,
            head.headers(),
            kept.toByteArray(),
            RetryHints.from(head.headers(), Instant.now()),
            r.secrets());
    ProviderException translated;
    try {
      translated = r.errors().translate(error);
    } catch (RuntimeException e) {
      translated = TransportFailures.unreadableError(r, status, e);
    }
    return new Reply(null, status, null, translated);
  }

  /**
   * Reads the body into {@code to}, at most {@code limit} bytes. Sets {@code c.drained} when the
   * whole body was read and the connection is at the next response.
   *
   * @return false when the body was longer than the limit (what was kept is its start)
   */
  private static boolean readBody(Connection c, Head head, OutputStream to, long limit)
      throws IOException {
    c.drained = false;
    byte[] buf = c.buffer;
    long kept = 0;
    if (head.chunked()) {
      int[] budget = {MAX_HEAD_BYTES};
      while (true) {
        String sizeLine = line(c.in, budget, null);
        int semi = sizeLine.indexOf(';');
        long size;
        try {
          size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
        } catch (NumberFormatException e) {
          throw new IOException("unreadable chunk size");
        }
        if (size == 0) {
          while (!line(c.in, budget, null).isEmpty()) {
            // trailer fields are not used
          }
          c.drained = true;
          return true;
        }
        if (kept + size > limit) {
          copy(c.in, to, buf, limit - kept);
          return false;
        }
        copy(c.in, to, buf, size);
        kept += size;
        if (!line(c.in, budget, null).isEmpty()) {
          throw new IOException("chunk not followed by CRLF");
        }
      }
    }
    if (head.length() >= 0) {
      if (head.length() > limit) {
        copy(c.in, to, buf, limit);
        return false;
      }
      copy(c.in, to, buf, head.length());
      c.drained = true;
      return true;
    }
    // no framing: the body ends with the connection
    for (int n; (n = c.in.read(buf)) >= 0; ) {
      if (kept + n > limit) {
        to.write(buf, 0, (int) (limit - kept));
        return false;
      }
      to.write(buf, 0, n);
      kept += n;
    }
    return true;
  }

  private static void copy(InputStream in, OutputStream to, byte[] buf, long count)
      throws IOException {
    long left = count;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new EOFException("body ended early");
      }
      to.write(buf, 0, n);
      left -= n;
    }
  }

  /** One CRLF- (or LF-) ended line in ISO-8859-1, counted against the head's byte budget. */
  private static String line(InputStream in, int[] budget, TransportRequest r) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed mid-head");
      }
      if (--budget[0] < 0) {
        if (r == null) {
          throw new IOException("chunk head too large");
        }
        throw malformed(r, "head too large");
      }
      if (b == '\n') {
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == '\r') {
          sb.setLength(len - 1);
        }
        return sb.toString();
      }
      sb.append((char) b);
    }
  }

  private static ProviderException malformed(TransportRequest r, String what) {
    return ProviderException.builder(
            ErrorCategory.UPSTREAM_PROTOCOL, "malformed response from upstream: " + what)
        .provider(r.providerId())
        .providerCode("malformed_response")
        .build();
  }

  /** The request line and headers, checked; the body follows as is. */
  private static byte[] head(TransportRequest r) {
    URI uri = r.uri();
    StringBuilder sb = new StringBuilder(256);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    sb.append(r.method()).append(' ').append(path);
    if (uri.getRawQuery() != null) {
      sb.append('?').append(uri.getRawQuery());
    }
    sb.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
    if (uri.getPort() >= 0) {
      sb.append(':').append(uri.getPort());
    }
    sb.append("\r\n");
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      HttpTransport.checkHeader(r, h.getKey(), h.getValue());
      sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    if (r.body() != null) {
      sb.append("Content-Length: ").append(r.body().length).append("\r\n");
    } else if (!"GET".equals(r.method()) && !"HEAD".equals(r.method())) {
      sb.append("Content-Length: 0\r\n");
    }
    sb.append("\r\n");
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static URI resolve(URI base, String location) {
    try {
      return base.resolve(location.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static String tlsName(URI u) {
    String host = u.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      return host.substring(1, host.length() - 1);
    }
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  // ---- the pool

  private Connection take(Destination d) {
    Deque<Connection> q = idle.get(d);
    if (q == null) {
      return null;
    }
    long now = System.nanoTime();
    for (Connection c = q.pollFirst(); c != null; c = q.pollFirst()) {
      if (now - c.idleSince <= IDLE_NANOS && c.socket.isConnected() && !c.socket.isClosed()) {
        return c;
      }
      c.close();
    }
    return null;
  }

  private void give(Connection c) {
    Deque<Connection> q = idle.computeIfAbsent(c.destination, k -> new ConcurrentLinkedDeque<>());
    if (q.size() >= MAX_IDLE_PER_DESTINATION) {
      c.close();
      return;
    }
    c.idleSince = System.nanoTime();
    q.offerFirst(c);
  }

  private Connection open(Destination d, TransportRequest r, long deadline) {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      int connect = (int) Math.max(1, Math.min(r.timeouts().connect().toMillis(), left));
      socket.connect(new InetSocketAddress(d.address(), d.port()), connect);
    } catch (SocketTimeoutException e) {
      closeQuietly(socket);
      throw TransportFailures.timeout(
          r, "connect_timeout", "could not connect within " + r.timeouts().connect());
    } catch (ConnectException | NoRouteToHostException e) {
      closeQuietly(socket);
      throw TransportFailures.connection(r, new ConnectException(), false);
    } catch (IOException e) {
      closeQuietly(socket);
      throw TransportFailures.connection(r, e, false);
    }
    if (d.tlsName() == null) {
      return new Connection(d, socket);
    }
    long idleMillis = Math.max(1, r.timeouts().idle().toMillis());
    long leftMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    try {
      SSLSocket ssl =
          (SSLSocket) factory(d.tlsName()).createSocket(socket, d.tlsName(), d.port(), true);
      SSLParameters params = ssl.getSSLParameters();
      if (!isLiteral(d.tlsName())) {
        params.setServerNames(List.of(new SNIHostName(d.tlsName())));
      }
      params.setEndpointIdentificationAlgorithm("HTTPS");
      ssl.setSSLParameters(params);
      ssl.setSoTimeout((int) Math.min(idleMillis, leftMillis));
      ssl.startHandshake();
      return new Connection(d, ssl);
    } catch (SocketTimeoutException e) {
      closeQuietly(socket);
      throw leftMillis <= idleMillis
          ? TransportFailures.timeout(
              r, "total_timeout", "no complete response within " + r.timeouts().total())
          : TransportFailures.timeout(
              r, "idle_timeout", "no bytes from upstream for " + r.timeouts().idle());
    } catch (SSLException e) {
      closeQuietly(socket);
      throw ProviderException.builder(
              ErrorCategory.UNAVAILABLE,
              "TLS handshake failed: certificate or protocol not accepted")
          .provider(r.providerId())
          .providerCode("tls_failed")
          .cause(e)
          .build();
    } catch (IOException e) {
      closeQuietly(socket);
      throw TransportFailures.connection(r, e, false);
    }
  }

  private static boolean isLiteral(String host) {
    return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }

  private synchronized SSLSocketFactory factory(String name) {
    return tls.computeIfAbsent(
        name,
        n -> {
          // a context per name: a TLS session proven for one name is never resumed for another
          try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return context.getSocketFactory();
          } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context available", e);
          }
        });
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing a socket that failed
    }
  }

  /** One keep-alive socket, used by one call at a time. */
  private static final class Connection {
    final Destination destination;
    final Socket socket;
    final TimedInput timed;
    final BufferedInputStream in;
    final OutputStream out;
    final byte[] buffer = new byte[8192];
    long idleSince;
    boolean drained;

    Connection(Destination destination, Socket socket) {
      this.destination = destination;
      this.socket = socket;
      try {
        this.timed = new TimedInput(socket);
        this.in = new BufferedInputStream(timed, 16 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
      } catch (IOException e) {
        closeQuietly(socket);
        throw new IllegalStateException("socket without streams", e);
      }
    }

    /** Starts a call on this connection: its reads wait at most the idle or remaining time. */
    void timing(TransportRequest r, long deadline) {
      drained = false;
      timed.idleMillis = Math.max(1, r.timeouts().idle().toMillis());
      timed.deadline = deadline;
    }

    void close() {
      closeQuietly(socket);
    }
  }

  /**
   * The socket's input, each read waiting at most the idle deadline or what is left of the total
   * one, whichever is shorter.
   */
  private static final class TimedInput extends InputStream {
    private final Socket socket;
    private final InputStream in;
    long idleMillis;
    long deadline;

    /** Whether the last read waited only what was left of the total deadline. */
    boolean lastWaitWasTotal;

    TimedInput(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
    }

    private void arm() throws IOException {
      long leftNanos = deadline - System.nanoTime();
      if (leftNanos <= 0) {
        lastWaitWasTotal = true;
        throw new SocketTimeoutException("total deadline passed");
      }
      long left = (leftNanos + 999_999) / 1_000_000;
      lastWaitWasTotal = left <= idleMillis;
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.min(idleMillis, left)));
    }

    @Override
    public int read() throws IOException {
      arm();
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      arm();
      return in.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }
  }
}
