package dev.switchboard.simulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request and its response on a connection. A handler reads the request, sets response headers,
 * starts the response with {@link #respond} (complete body) or {@link #respondStream} (chunked),
 * writes the body and {@link #end()}s it; or drops the connection ({@link #abort()}), or keeps it
 * open unanswered ({@link #hold()}).
 */
public final class Exchange {

  private final Connection connection;
  private final Request request;
  private final BodyInput body;
  private final Output out;
  private final Headers responseHeaders = new Headers();
  private ResponseBody responseBody;
  private boolean closeAfter;
  private boolean ended;
  private boolean held;

  Exchange(Connection connection, Request request, BodyInput body, Output out) {
    this.connection = connection;
    this.request = request;
    this.body = body;
    this.out = out;
    this.closeAfter = !request.keepAlive();
  }

  public String method() {
    return request.method();
  }

  /** The request path, still percent-encoded. */
  public String rawPath() {
    return request.rawPath();
  }

  /** The query string without {@code ?}, still encoded, or null. */
  public String rawQuery() {
    return request.rawQuery();
  }

  /** The first value of a request header field (case-insensitive name), or null. */
  public String header(String name) {
    return request.headers().first(name);
  }

  /** Every request header field in the order received. */
  public List<Map.Entry<String, String>> requestHeaders() {
    Headers h = request.headers();
    List<Map.Entry<String, String>> all = new ArrayList<>(h.size());
    for (int i = 0; i < h.size(); i++) {
      all.add(Map.entry(h.name(i), h.value(i)));
    }
    return all;
  }

  public InputStream body() {
    return body;
  }

  public Headers responseHeaders() {
    return responseHeaders;
  }

  /**
   * Starts a response with a complete body of {@code length} bytes (0: none). The head is buffered
   * with the body and sent by {@link #end()} or a flush of the returned stream.
   */
  public OutputStream respond(int status, long length) throws IOException {
    start(status);
    boolean bodiless = status < 200 || status == 204 || status == 304;
    if (!bodiless) {
      out.ascii("Content-Length: ");
      out.ascii(Long.toString(length));
      out.ascii("\r\n");
    }
    finishHead();
    responseBody =
        request.isHead() || bodiless
            ? new ResponseBody.Discarded(out)
            : new ResponseBody.Fixed(out, length);
    return responseBody;
  }

  /** Starts a streamed response: each write is one HTTP chunk (HTTP/1.0: until the close). */
  public OutputStream respondStream(int status) throws IOException {
    if (!request.http11()) {
      closeAfter = true;
    }
    start(status);
    if (request.http11()) {
      out.ascii("Transfer-Encoding: chunked\r\n");
    }
    finishHead();
    if (request.isHead()) {
      responseBody = new ResponseBody.Discarded(out);
    } else if (request.http11()) {
      responseBody = new ResponseBody.Chunked(out);
    } else {
      responseBody = new ResponseBody.UntilClose(out);
    }
    return responseBody;
  }

  private void start(int status) throws IOException {
    if (responseBody != null || held) {
      throw new IllegalStateException("response already started");
    }
    out.ascii(StatusLine.of(status));
    for (int i = 0; i < responseHeaders.size(); i++) {
      out.ascii(responseHeaders.name(i));
      out.ascii(": ");
      out.ascii(responseHeaders.value(i));
      out.ascii("\r\n");
    }
    out.ascii(StatusLine.date());
  }

  private void finishHead() throws IOException {
    if (closeAfter) {
      out.ascii("Connection: close\r\n\r\n");
    } else {
      out.ascii(request.http11() ? "\r\n" : "Connection: keep-alive\r\n\r\n");
    }
  }

  /** Completes the response and sends what is buffered. */
  public void end() throws IOException {
    if (ended || held) {
      return;
    }
    if (responseBody == null) {
      throw new IllegalStateException("no response started");
    }
    ended = true;
    if (!responseBody.finish()) {
      closeAfter = true;
    }
    out.flush();
  }

  /**
   * Drops the connection at once, without completing the response: a TCP reset, so the client sees
   * an abrupt end, never a clean one. What the handler flushed before was delivered.
   */
  public void abort() {
    ended = true;
    closeAfter = true;
    connection.reset();
  }

  /**
   * Leaves the request unanswered and the connection open, without holding a thread: it is dropped
   * when the client gives up or the server closes.
   */
  public void hold() {
    held = true;
  }

  boolean held() {
    return held;
  }

  boolean started() {
    return responseBody != null;
  }

  /** Whether the connection may serve another request once the body is drained. */
  boolean reusable() {
    return ended && !closeAfter;
  }
}
