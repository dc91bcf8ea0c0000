import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Streaming time-to-first-token, direct to the simulator and through the gateway, in one run.
 *
 * <p>wrk cannot see inside a response, so this small harness does what it cannot: it sends {@code
 * "stream": true} chat requests over plain sockets (one connection per request, opened before the
 * clock starts, so connection set-up is not counted), decodes the chunked transfer coding, and
 * timestamps the first server-sent event that carries a non-empty {@code delta.content}. It also
 * counts the events, so a gateway that merged or split chunks would show. The two targets are
 * called alternately, request by request, so a noisy machine disturbs both alike.
 *
 * <p>Run with the JDK's single-file launcher (no build): {@code java bench/StreamTtft.java
 * --requests 300 --warmup 100 --direct URL KEY MODEL --gateway URL KEY MODEL}. Prints a
 * human-readable summary and one {@code RESULT} line per target plus an {@code OVERHEAD} line.
 */
public final class StreamTtft {

  /** One target: where to POST, with which bearer key and model. */
  record Target(String name, URI url, String key, String model) {}

  /** One streamed reply: nanoseconds to the first content event and to the end; event counts. */
  record Sample(long ttftNanos, long totalNanos, int events, int contentEvents, int status) {}

  public static void main(String[] args) throws Exception {
    int requests = 300;
    int warmup = 100;
    Target direct = null;
    Target gateway = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--requests" -> requests = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--direct" ->
            direct = new Target("direct", URI.create(args[++i]), args[++i], args[++i]);
        case "--gateway" ->
            gateway = new Target("gateway", URI.create(args[++i]), args[++i], args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (direct == null || gateway == null) {
      throw new IllegalArgumentException("both --direct and --gateway are required");
    }
    for (int i = 0; i < warmup; i++) {
      check(direct, call(direct));
      check(gateway, call(gateway));
    }
    List<Sample> d = new ArrayList<>();
    List<Sample> g = new ArrayList<>();
    long[] paired = new long[requests];
    for (int i = 0; i < requests; i++) {
      Sample sd = check(direct, call(direct));
      Sample sg = check(gateway, call(gateway));
      d.add(sd);
      g.add(sg);
      paired[i] = sg.ttftNanos() - sd.ttftNanos();
    }
    report(direct, d);
    report(gateway, g);
    Arrays.sort(paired);
    long dMedian = percentile(ttfts(d), 50);
    long gMedian = percentile(ttfts(g), 50);
    System.out.printf(
        Locale.ROOT,
        "OVERHEAD ttft_p50_diff_us=%.1f ttft_paired_median_us=%.1f ttft_paired_p90_us=%.1f"
            + " chunks_equal=%s%n",
        (gMedian - dMedian) / 1e3,
        percentile(paired, 50) / 1e3,
        percentile(paired, 90) / 1e3,
        sameChunks(d, g));
  }

  private static boolean sameChunks(List<Sample> d, List<Sample> g) {
    int want = d.get(0).contentEvents();
    return d.stream().allMatch(s -> s.contentEvents() == want)
        && g.stream().allMatch(s -> s.contentEvents() == want);
  }

  private static Sample check(Target t, Sample s) {
    if (s.status() != 200 || s.ttftNanos() < 0) {
      throw new IllegalStateException(
          t.name()
              + " stream failed: status "
              + s.status()
              + ", content events "
              + s.contentEvents());
    }
    return s;
  }

  private static void report(Target t, List<Sample> samples) {
    long[] ttft = ttfts(samples);
    long[] total = samples.stream().mapToLong(Sample::totalNanos).sorted().toArray();
    int[] events = samples.stream().mapToInt(Sample::events).distinct().sorted().toArray();
    int[] content = samples.stream().mapToInt(Sample::contentEvents).distinct().sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "RESULT target=%s n=%d ttft_p50_us=%.1f ttft_p90_us=%.1f ttft_p99_us=%.1f"
            + " total_p50_us=%.1f events=%s content_events=%s%n",
        t.name(),
        samples.size(),
        percentile(ttft, 50) / 1e3,
        percentile(ttft, 90) / 1e3,
        percentile(ttft, 99) / 1e3,
        percentile(total, 50) / 1e3,
        join(events),
        join(content));
  }

  private static String join(int[] values) {
    StringBuilder b = new StringBuilder();
    for (int v : values) {
      b.append(b.isEmpty() ? "" : "|").append(v);
    }
    return b.toString();
  }

  private static long[] ttfts(List<Sample> samples) {
    return samples.stream().mapToLong(Sample::ttftNanos).sorted().toArray();
  }

  /** Nearest-rank percentile of a sorted array. */
  private static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static Sample call(Target t) throws IOException {
    String body =
        "{\"model\":\""
            + t.model()
            + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"Say hello in eight tokens.\"}]}";
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    String path = t.url().getRawPath();
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + t.url().getHost()
            + ":"
            + t.url().getPort()
            + "\r\nAuthorization: Bearer "
            + t.key()
            + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: "
            + bodyBytes.length
            + "\r\nConnection: close\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[headBytes.length + bodyBytes.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(bodyBytes, 0, request, headBytes.length, bodyBytes.length);
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      socket.connect(new InetSocketAddress(t.url().getHost(), t.url().getPort()), 5_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      long start = System.nanoTime();
      out.write(request);
      out.flush();
      return read(in, start);
    }
  }

  /** Reads the status line and headers, then the (possibly chunked) body as SSE lines. */
  private static Sample read(InputStream in, long start) throws IOException {
    Reader r = new Reader(in);
    String statusLine = r.line();
    if (statusLine == null) {
      return new Sample(-1, -1, 0, 0, -1);
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    boolean chunked = false;
    for (String h = r.line(); h != null && !h.isEmpty(); h = r.line()) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    SseCounter sse = new SseCounter(start);
    if (chunked) {
      while (true) {
        String size = r.line();
        if (size == null) {
          break;
        }
        int semi = size.indexOf(';');
        int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
        if (n == 0) {
          break;
        }
        sse.feed(r.bytes(n));
        r.line(); // CRLF after the chunk
      }
    } else {
      byte[] buf = new byte[8192];
      for (int n = r.read(buf); n > 0; n = r.read(buf)) {
        sse.feed(Arrays.copyOf(buf, n));
      }
    }
    return new Sample(
        sse.firstContent, System.nanoTime() - start, sse.events, sse.contentEvents, status);
  }

  /** Splits decoded body bytes into lines and counts {@code data:} events as they arrive. */
  private static final class SseCounter {
    private final long start;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    long firstContent = -1;
    int events;
    int contentEvents;

    SseCounter(long start) {
      this.start = start;
    }

    void feed(byte[] bytes) {
      for (byte b : bytes) {
        if (b == '\n') {
          onLine(line.toString(StandardCharsets.UTF_8));
          line.reset();
        } else if (b != '\r') {
          line.write(b);
        }
      }
    }

    private void onLine(String l) {
      if (!l.startsWith("data:")) {
        return;
      }
      String data = l.substring(5).trim();
      if (data.equals("[DONE]")) {
        return;
      }
      events++;
      int at = data.indexOf("\"content\":\"");
      if (at >= 0 && at + 11 < data.length() && data.charAt(at + 11) != '"') {
        contentEvents++;
        if (firstContent < 0) {
          firstContent = System.nanoTime() - start;
        }
      }
    }
  }

  /** A buffered reader of CRLF lines and raw byte runs over one input stream. */
  private static final class Reader {
    private final InputStream in;
    private final byte[] buf = new byte[16384];
    private int pos;
    private int limit;

    Reader(InputStream in) {
      this.in = in;
    }

    private boolean fill() throws IOException {
      if (pos < limit) {
        return true;
      }
      limit = in.read(buf);
      pos = 0;
      return limit > 0;
    }

    String line() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      while (fill()) {
        byte c = buf[pos++];
        if (c == '\n') {
          return b.toString(StandardCharsets.ISO_8859_1);
        }
        if (c != '\r') {
          b.write(c);
        }
      }
      return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    byte[] bytes(int n) throws IOException {
      byte[] out = new byte[n];
      int got = 0;
      while (got < n && fill()) {
        int k = Math.min(n - got, limit - pos);
        System.arraycopy(buf, pos, out, got, k);
        pos += k;
        got += k;
      }
      return got == n ? out : Arrays.copyOf(out, got);
    }

    int read(byte[] dst) throws IOException {
      if (!fill()) {
        return -1;
      }
      int k = Math.min(dst.length, limit - pos);
      System.arraycopy(buf, pos, dst, 0, k);
      pos += k;
      return k;
    }
  }
}
