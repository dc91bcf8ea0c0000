package dev.switchboard.simulator.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads request heads and bodies from one connection through its own buffer, so bytes of the next
 * (pipelined) request stay buffered for the next call of {@link #next()}.
 */
final class RequestReader {

  /** The largest request head (request line and header fields) accepted. */
  static final int MAX_HEAD = 64 * 1024;

  private static final int MAX_FIELDS = 256;

  private final InputStream in;
  private byte[] buf = new byte[8192];
  private int pos;
  private int limit;

  RequestReader(InputStream in) {
    this.in = in;
  }

  /** The next request head; null when the client closed the connection between requests. */
  Request next() throws IOException {
    compact();
    int end;
    do { // RFC 9112: empty lines before a request line are ignored
      end = lineEnd(true);
      if (end < 0) {
        return null;
      }
    } while (textEnd(end) == pos && skip(end));
    Request line = requestLine(pos, textEnd(end));
    pos = end + 1;
    int headBytes = end + 1;
    Headers headers = new Headers();
    while (true) {
      end = lineEnd(false);
      headBytes += end + 1 - pos;
      if (headBytes > MAX_HEAD) {
        throw new BadMessage(431, "request head larger than " + MAX_HEAD + " bytes");
      }
      int textEnd = textEnd(end);
      if (textEnd == pos) {
        pos = end + 1;
        break;
      }
      if (headers.size() == MAX_FIELDS) {
        throw new BadMessage(431, "too many header fields");
      }
      field(pos, textEnd, headers);
      pos = end + 1;
    }
    return new Request(line.method(), line.rawPath(), line.rawQuery(), line.http11(), headers);
  }

  private boolean skip(int end) {
    pos = end + 1;
    return true;
  }

  /** One line of a chunked body (a chunk size or a trailer field), without its line ending. */
  String line() throws IOException {
    int end = lineEnd(false);
    String text = new String(buf, pos, textEnd(end) - pos, StandardCharsets.ISO_8859_1);
    pos = end + 1;
    return text;
  }

  /** Reads body bytes: the buffered ones first. */
  int read(byte[] b, int off, int len) throws IOException {
    if (pos < limit) {
      int n = Math.min(len, limit - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }
    return in.read(b, off, len);
  }

  /** The index of the next {@code \n}, reading more as needed; -1 at a clean end of stream. */
  private int lineEnd(boolean startOfRequest) throws IOException {
    int scanned = pos;
    while (true) {
      for (int i = scanned; i < limit; i++) {
        if (buf[i] == '\n') {
          return i;
        }
      }
      scanned = limit;
      if (limit == buf.length) {
        if (pos > 0) {
          scanned -= pos;
          compact();
        } else if (buf.length >= MAX_HEAD) {
          throw new BadMessage(431, "request head larger than " + MAX_HEAD + " bytes");
        } else {
          buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_HEAD));
        }
      }
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        if (startOfRequest && pos == limit) {
          return -1;
        }
        throw new EOFException("connection closed inside a request head");
      }
      limit += n;
    }
  }

  private int textEnd(int lineEnd) {
    return lineEnd > pos && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
  }

  private void compact() {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
  }

  private Request requestLine(int from, int to) {
    int sp1 = indexOf(' ', from, to);
    int sp2 = sp1 < 0 ? -1 : indexOf(' ', sp1 + 1, to);
    if (sp1 <= from || sp2 < 0 || sp2 == sp1 + 1 || indexOf(' ', sp2 + 1, to) >= 0) {
      throw new BadMessage(400, "malformed request line");
    }
    for (int i = from; i < sp1; i++) {
      if (!isTokenChar(buf[i])) {
        throw new BadMessage(400, "malformed method");
      }
    }
    String version = latin1(sp2 + 1, to);
    boolean http11;
    if (version.equals("HTTP/1.1")) {
      http11 = true;
    } else if (version.equals("HTTP/1.0")) {
      http11 = false;
    } else if (version.startsWith("HTTP/") && version.length() == 8) {
      throw new BadMessage(505, "HTTP version not supported");
    } else {
      throw new BadMessage(400, "malformed HTTP version");
    }
    String target = latin1(sp1 + 1, sp2);
    String path = pathOf(target);
    int q = path.indexOf('?');
    String rawQuery = q < 0 ? null : path.substring(q + 1);
    String rawPath = q < 0 ? path : path.substring(0, q);
    return new Request(latin1(from, sp1), rawPath, rawQuery, http11, null);
  }

  /** The origin form of a request target; an absolute form loses its scheme and authority. */
  private static String pathOf(String target) {
    if (target.startsWith("/") || target.equals("*")) {
      return target;
    }
    int scheme = target.indexOf("://");
    if (scheme > 0 && (target.startsWith("http://") || target.startsWith("https://"))) {
      int slash = target.indexOf('/', scheme + 3);
      int query = target.indexOf('?', scheme + 3);
      if (slash < 0 || (query >= 0 && query < slash)) {
        return query < 0 ? "/" : "/" + target.substring(query);
      }
      return target.substring(slash);
    }
    throw new BadMessage(400, "malformed request target");
  }

  private void field(int from, int to, Headers headers) {
    int colon = indexOf(':', from, to);
    if (colon <= from || buf[from] == ' ' || buf[from] == '\t') {
      throw new BadMessage(400, "malformed header field");
    }
    for (int i = from; i < colon; i++) {
      if (!isTokenChar(buf[i])) {
        throw new BadMessage(400, "malformed header field name");
      }
    }
    int start = colon + 1;
    int end = to;
    while (start < end && (buf[start] == ' ' || buf[start] == '\t')) {
      start++;
    }
    while (end > start && (buf[end - 1] == ' ' || buf[end - 1] == '\t')) {
      end--;
    }
    headers.add(latin1(from, colon), latin1(start, end));
  }

  private static boolean isTokenChar(byte b) {
    return b > 32 && b < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(b) < 0;
  }

  private int indexOf(char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private String latin1(int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
