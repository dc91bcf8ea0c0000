package dev.switchboard.simulator.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server: an acceptor thread, and one pool thread per open connection. The pool
 * keeps {@code threads} threads ready and grows to {@code maxThreads} connections served at once;
 * beyond, idle keep-alive connections are closed to make room, and failing that the new one gets a
 * 503.
 */
public final class Server implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Server.class.getName());

  private final ServerSocket listener;
  private final ThreadPoolExecutor pool;
  private final Handler handler;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  public Server(InetSocketAddress address, int threads, int maxThreads, Handler handler)
      throws IOException {
    this.handler = handler;
    this.listener = new ServerSocket();
    listener.bind(address, 128);
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            maxThreads,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> daemon(r, "simulator-" + n.incrementAndGet()));
    pool.prestartAllCoreThreads();
    this.acceptor = daemon(this::accept, "simulator-acceptor-" + port());
    acceptor.start();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  public int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
        socket.setTcpNoDelay(true); // stream frames are small writes: never hold them back
      } catch (IOException e) {
        if (!closed) {
          LOG.log(Level.DEBUG, "accept failed: {0}", e.toString());
        }
        continue;
      }
      Connection connection = new Connection(socket, handler, this);
      open.add(connection);
      if (closed) {
        connection.reset();
        return;
      }
      dispatch(connection);
    }
  }

  private void dispatch(Connection connection) {
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        pool.execute(connection);
        return;
      } catch (RejectedExecutionException e) {
        if (closed) {
          break;
        }
        open.stream().filter(c -> c != connection && c.idle()).limit(8).forEach(Connection::reset);
        try {
          Thread.sleep(5);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    connection.refuse();
  }

  void forget(Connection connection) {
    open.remove(connection);
  }

  /** Stops at once: every open connection, answered or not, is dropped. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Connection connection : open) {
      connection.reset();
    }
    open.clear();
    pool.shutdownNow();
  }
}
