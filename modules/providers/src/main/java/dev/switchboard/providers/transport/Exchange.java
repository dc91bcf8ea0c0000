package dev.switchboard.providers.transport;

import dev.switchboard.core.error.ProviderException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One running call: the address check and pinning, the JDK exchange, and the deadlines, byte cap
 * and redirect rule around it. A redirect is resolved and checked again before it is followed.
 * Every callback to the sink happens under this object's lock and at most one terminal callback is
 * ever made, whichever of body end, failure, timer or cancel comes first.
 */
public final class Exchange {

  private static final int MAX_REDIRECTS = 3;

  private final HttpTransport transport;
  private final ResponseSink sink;
  private final long deadlineNanos;
  private TransportRequest request;
  private int redirectsLeft = MAX_REDIRECTS;
  private boolean finished;
  private CompletableFuture<?> inFlight;
  private Flow.Subscription subscription;
  private ScheduledFuture<?> idleTimer;
  private ScheduledFuture<?> totalTimer;
  private int redirectStatus;
  private URI redirectTarget;
  private long received;
  private boolean paused;
  private boolean withheld;

  Exchange(HttpTransport transport, TransportRequest request, ResponseSink sink) {
    this.transport = transport;
    this.request = request;
    this.sink = sink;
    this.deadlineNanos = System.nanoTime() + request.timeouts().total().toNanos();
  }

  synchronized void start() {
    Duration total = request.timeouts().total();
    totalTimer =
        transport
            .timers()
            .schedule(
                () ->
                    fail(
                        TransportFailures.timeout(
                            request, "total_timeout", "no complete response within " + total)),
                total.toNanos(),
                TimeUnit.NANOSECONDS);
    send();
  }

  /** Aborts the call and closes its connection; the sink is not told. Idempotent. */
  public synchronized void cancel() {
    if (!finished) {
      finished = true;
      release(true);
    }
  }

  /**
   * Stops asking the connection for more body bytes (the reader of the stream is slow): what the
   * JDK client holds already still arrives, then TCP's flow control holds the upstream back. The
   * idle deadline does not run while paused (the silence is ours); the total deadline does.
   */
  public synchronized void pause() {
    if (!finished && !paused) {
      paused = true;
      if (idleTimer != null) {
        idleTimer.cancel(false);
      }
    }
  }

  /** Asks for body bytes again after {@link #pause}. */
  public void resume() {
    Flow.Subscription s;
    synchronized (this) {
      if (finished || !paused) {
        return;
      }
      paused = false;
      if (!withheld) {
        if (subscription != null) {
          armIdleTimer();
        }
        return;
      }
      withheld = false;
      armIdleTimer();
      s = subscription;
    }
    s.request(1);
  }

  /** Resolves and checks the host off this lock (DNS may be slow), then connects. */
  private synchronized void send() {
    TransportRequest current = request;
    CompletableFuture.supplyAsync(
            () -> Route.of(current, HttpTransport.PINNING), transport.resolvers())
        .whenComplete(
            (route, error) -> {
              if (error != null) {
                fail(TransportFailures.connection(current, error, false));
              } else {
                connect(route);
              }
            });
  }

  private synchronized void connect(Route route) {
    if (finished) {
      return;
    }
    Duration remaining = Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime()));
    Duration idle = request.timeouts().idle();
    try {
      var http =
          transport.toHttpRequest(request, route, idle.compareTo(remaining) < 0 ? idle : remaining);
      CompletableFuture<HttpResponse<Void>> call =
          transport
              .client(request.timeouts().connect(), route.tlsName())
              .sendAsync(http, this::bodyFor);
      inFlight = call;
      call.whenComplete((response, error) -> afterExchange(error));
    } catch (ProviderException e) {
      fail(e);
    }
  }

  /** Chooses the body's reader once the status and headers are in. */
  private HttpResponse.BodySubscriber<Void> bodyFor(HttpResponse.ResponseInfo info) {
    int status = info.statusCode();
    if (status >= 300 && status < 400) {
      synchronized (this) {
        redirectStatus = status;
        redirectTarget = info.headers().firstValue("location").map(this::resolve).orElse(null);
      }
      return HttpResponse.BodySubscribers.replacing(null);
    }
    if (status >= 200 && status < 300) {
      synchronized (this) {
        if (!finished) {
          sink.onResponse(status, info.headers());
        }
      }
      return HttpResponse.BodySubscribers.fromSubscriber(new BodyReader(null));
    }
    return HttpResponse.BodySubscribers.fromSubscriber(new BodyReader(info));
  }

  private URI resolve(String location) {
    try {
      return request.uri().resolve(location.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void afterExchange(Throwable error) {
    if (error != null) {
      fail(TransportFailures.connection(request, error, received > 0));
    } else {
      followRedirect();
    }
  }

  /** Follows a 307/308 to the same origin, at most a few times; refuses any other redirect. */
  private synchronized void followRedirect() {
    int status = redirectStatus;
    URI target = redirectTarget;
    redirectStatus = 0;
    redirectTarget = null;
    if (finished || status == 0) {
      return;
    }
    if (target == null || !Route.sameOrigin(request.uri(), target)) {
      fail(TransportFailures.crossHostRedirect(request));
    } else if ((status != 307 && status != 308) || redirectsLeft-- <= 0) {
      fail(TransportFailures.unfollowedRedirect(request, status));
    } else {
      request = request.redirectedTo(target);
      subscription = null;
      send();
    }
  }

  private synchronized void fail(ProviderException error) {
    if (!finished) {
      finished = true;
      release(true);
      sink.onFailure(error);
    }
  }

  private synchronized void complete() {
    if (!finished) {
      finished = true;
      release(false);
      sink.onComplete();
    }
  }

  private void release(boolean abort) {
    if (totalTimer != null) {
      totalTimer.cancel(false);
    }
    if (idleTimer != null) {
      idleTimer.cancel(false);
    }
    if (abort) {
      if (subscription != null) {
        subscription.cancel();
      }
      if (inFlight != null) {
        inFlight.cancel(true);
      }
    }
  }

  /** The JDK client has no deadline between body bytes: this timer, re-armed per chunk, is it. */
  private synchronized void armIdleTimer() {
    if (idleTimer != null) {
      idleTimer.cancel(false);
    }
    Duration idle = request.timeouts().idle();
    idleTimer =
        transport
            .timers()
            .schedule(
                () ->
                    fail(
                        TransportFailures.timeout(
                            request, "idle_timeout", "no bytes from upstream for " + idle)),
                idle.toNanos(),
                TimeUnit.NANOSECONDS);
  }

  /**
   * Reads a body: a success body goes to the sink as it arrives; an error body (when {@code
   * errorInfo} is set) is collected up to a limit and translated by the adapter's mapping.
   */
  private final class BodyReader implements Flow.Subscriber<List<ByteBuffer>> {
    private final HttpResponse.ResponseInfo errorInfo;
    private final ByteArrayOutputStream errorBody = new ByteArrayOutputStream();

    BodyReader(HttpResponse.ResponseInfo errorInfo) {
      this.errorInfo = errorInfo;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      synchronized (Exchange.this) {
        if (finished) {
          s.cancel();
          return;
        }
        subscription = s;
        armIdleTimer();
      }
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      synchronized (Exchange.this) {
        if (finished) {
          return;
        }
        armIdleTimer();
        for (ByteBuffer b : buffers) {
          received += b.remaining();
          if (errorInfo != null) {
            collectError(b);
          } else if (received > request.maxResponseBytes()) {
            fail(TransportFailures.tooLarge(request));
            return;
          } else {
            sink.onBytes(b);
          }
        }
        if (finished) {
          return;
        }
        if (paused && errorInfo == null) {
          // the sink's reader is slow: ask for nothing more until resume()
          withheld = true;
          if (idleTimer != null) {
            idleTimer.cancel(false);
          }
          return;
        }
      }
      if (errorInfo != null && errorBody.size() >= HttpTransport.ERROR_BODY_LIMIT) {
        onComplete();
      } else {
        subscription.request(1);
      }
    }

    private void collectError(ByteBuffer b) {
      int room = HttpTransport.ERROR_BODY_LIMIT - errorBody.size();
      byte[] chunk = new byte[Math.min(room, b.remaining())];
      b.get(chunk);
      errorBody.writeBytes(chunk);
    }

    @Override
    public void onError(Throwable t) {
      fail(TransportFailures.connection(request, t, true));
    }

    @Override
    public void onComplete() {
      if (errorInfo == null) {
        complete();
      } else {
        fail(translate());
      }
    }

    private ProviderException translate() {
      int status = errorInfo.statusCode();
      UpstreamError error =
          new UpstreamError(
              request.providerId(),
              status,
              errorInfo.headers(),
              errorBody.toByteArray(),
              RetryHints.from(errorInfo.headers(), Instant.now()),
              request.secrets());
      try {
        return request.errors().translate(error);
      } catch (RuntimeException e) {
        return TransportFailures.unreadableError(request, status, e);
      }
    }
  }
}
