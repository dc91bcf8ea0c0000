package dev.switchboard.simulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One accepted socket, served by one pool thread that loops over its keep-alive requests with
 * blocking reads and buffered writes: per request, one read and one write system call when the
 * request and the response each fit a buffer.
 */
final class Connection implements Runnable {

  private static final System.Logger LOG = System.getLogger(Connection.class.getName());

  /** Unread request body the server skips to keep a connection; more closes it instead. */
  private static final long MAX_DRAIN = 1 << 20;

  private final Socket socket;
  private final Handler handler;
  private final Server server;
  private volatile boolean idle = true;
  private boolean held;

  Connection(Socket socket, Handler handler, Server server) {
    this.socket = socket;
    this.handler = handler;
    this.server = server;
  }

  /** Whether it waits for the client's next request (and can be closed without harm). */
  boolean idle() {
    return idle;
  }

  @Override
  public void run() {
    boolean reset = false;
    try {
      RequestReader reader = new RequestReader(socket.getInputStream());
      Output out = new Output(socket.getOutputStream());
      try {
        while (serveOne(reader, out)) {
          // next request on this connection
        }
      } catch (BadMessage e) {
        refuse(out, e.status(), e.getMessage());
        lingeringClose();
      }
    } catch (IOException e) {
      reset = true; // the client went away, or the server is closing
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "simulator connection failed", e);
      reset = true;
    } finally {
      if (!held) {
        server.forget(this);
        if (reset) {
          reset();
        } else {
          close();
        }
      }
    }
  }

  /** Reads and answers one request; false when the connection must not serve another. */
  private boolean serveOne(RequestReader reader, Output out) throws IOException {
    idle = true;
    Request request = reader.next();
    idle = false;
    if (request == null) {
      return false;
    }
    BodyInput body = BodyInput.of(request, reader);
    boolean ambiguous =
        request.headers().first("Transfer-Encoding") != null
            && request.headers().first("Content-Length") != null;
    if (request.expectsContinue() && body.expected()) {
      out.ascii("HTTP/1.1 100 Continue\r\n\r\n");
      out.flush();
    }
    Exchange exchange = new Exchange(this, request, body, out);
    try {
      handler.handle(exchange);
    } catch (RuntimeException e) {
      if (exchange.started()) {
        throw e;
      }
      LOG.log(Level.WARNING, "simulator handler failed", e);
      refuse(out, 500, "internal error");
      return false;
    }
    if (exchange.held()) {
      held = true;
      return false;
    }
    if (!exchange.started()) {
      refuse(out, 500, "no response");
      return false;
    }
    exchange.end();
    if (socket.isClosed()) {
      return false; // aborted
    }
    return body.drain(MAX_DRAIN) && exchange.reusable() && !ambiguous;
  }

  /** Answers a request the server itself refuses; the connection closes after. */
  void refuse(Output out, int status, String message) {
    try {
      byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
      out.ascii(StatusLine.of(status));
      out.ascii("Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n");
      out.ascii("Content-Length: " + body.length + "\r\n\r\n");
      out.write(body, 0, body.length);
      out.flush();
    } catch (IOException e) {
      // the client is gone: nothing to tell it
    }
  }

  /** Refuses a connection no thread can serve: 503, then the close. */
  void refuse() {
    try {
      refuse(new Output(socket.getOutputStream()), 503, "simulator overloaded");
    } catch (IOException e) {
      // closing anyway
    }
    server.forget(this);
    close();
  }

  /**
   * Closes after a refusal the client may not have finished sending: unread bytes would make the
   * close a reset that could destroy the answer before the client reads it.
   */
  private void lingeringClose() {
    try {
      socket.shutdownOutput();
      socket.setSoTimeout(1000);
      InputStream in = socket.getInputStream();
      byte[] skip = new byte[8192];
      long total = 0;
      int n;
      while (total < MAX_DRAIN && (n = in.read(skip)) >= 0) {
        total += n;
      }
    } catch (SocketTimeoutException e) {
      // enough waiting
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** Drops the connection with a TCP reset (SO_LINGER 0), at once. */
  void reset() {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // closed already
    }
    close();
  }

  private void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }
}
