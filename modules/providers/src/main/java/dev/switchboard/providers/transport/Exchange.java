package dev.switchboard.providers.transport;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One running call: the JDK exchange plus the deadlines, byte cap and redirect rule around it.
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
  private URI pendingRedirect;
  private boolean redirected;
  private long received;

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
                () -> fail(timeout("total_timeout", "no complete response within " + total)),
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

  private synchronized void send() {
    Duration remaining = Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime()));
    Duration idle = request.timeouts().idle();
    Duration headerWait = idle.compareTo(remaining) < 0 ? idle : remaining;
    try {
      var http = transport.toHttpRequest(request, headerWait);
      CompletableFuture<HttpResponse<Void>> call =
          transport.client(request.timeouts().connect()).sendAsync(http, this::bodyFor);
      inFlight = call;
      call.whenComplete((response, error) -> afterExchange(error));
    } catch (ProviderException e) {
      fail(e);
    }
  }

  private HttpResponse.BodySubscriber<Void> bodyFor(HttpResponse.ResponseInfo info) {
    int status = info.statusCode();
    if (status >= 300 && status < 400) {
      synchronized (this) {
        redirected = true;
        pendingRedirect = info.headers().firstValue("location").map(this::resolve).orElse(null);
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
      fail(connectionFailure(error instanceof CompletionException ? error.getCause() : error));
      return;
    }
    URI target;
    synchronized (this) {
      if (!redirected) {
        return;
      }
      redirected = false;
      target = pendingRedirect;
      pendingRedirect = null;
    }
    followOrRefuse(target);
  }

  private synchronized void followOrRefuse(URI target) {
    if (finished) {
      return;
    }
    if (target == null || !sameOrigin(request.uri(), target)) {
      fail(
          ProviderException.builder(
                  ErrorCategory.UPSTREAM_PROTOCOL,
                  "upstream redirected to another host; redirects are followed on the same host only")
              .provider(request.providerId())
              .providerCode("cross_host_redirect")
              .build());
    } else if (redirectsLeft-- <= 0) {
      fail(
          ProviderException.builder(ErrorCategory.UPSTREAM_PROTOCOL, "too many redirects")
              .provider(request.providerId())
              .providerCode("too_many_redirects")
              .build());
    } else {
      request = request.redirectedTo(target);
      subscription = null;
      send();
    }
  }

  static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && effectivePort(a) == effectivePort(b);
  }

  private static int effectivePort(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private ProviderException connectionFailure(Throwable t) {
    if (t instanceof ProviderException pe) {
      return pe;
    }
    if (t instanceof HttpConnectTimeoutException) {
      return timeout(
          "connect_timeout", "could not connect within " + request.timeouts().connect(), t);
    }
    if (t instanceof HttpTimeoutException) {
      return timeout(
          "idle_timeout", "no response within the idle timeout " + request.timeouts().idle(), t);
    }
    String what =
        t instanceof ConnectException
            ? "connection refused or unreachable"
            : received > 0 ? "connection lost mid-response" : "connection failed";
    return ProviderException.builder(ErrorCategory.UNAVAILABLE, what)
        .provider(request.providerId())
        .providerCode(t instanceof ConnectException ? "connect_failed" : "connection_lost")
        .cause(t)
        .build();
  }

  private ProviderException timeout(String code, String message) {
    return timeout(code, message, null);
  }

  private ProviderException timeout(String code, String message, Throwable cause) {
    return ProviderException.builder(ErrorCategory.TIMEOUT, message)
        .provider(request.providerId())
        .providerCode(code)
        .cause(cause)
        .build();
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

  private synchronized void armIdleTimer() {
    if (idleTimer != null) {
      idleTimer.cancel(false);
    }
    Duration idle = request.timeouts().idle();
    idleTimer =
        transport
            .timers()
            .schedule(
                () -> fail(timeout("idle_timeout", "no bytes from upstream for " + idle)),
                idle.toNanos(),
                TimeUnit.NANOSECONDS);
  }

  /**
   * Reads a body: a success body goes to the sink as it arrives; an error body (when {@code
   * errorInfo} is set) is collected up to a limit and translated.
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
            fail(tooLarge());
            return;
          } else {
            sink.onBytes(b);
          }
        }
        if (finished) {
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
      fail(
          t instanceof IOException
              ? ProviderException.builder(ErrorCategory.UNAVAILABLE, "connection lost mid-response")
                  .provider(request.providerId())
                  .providerCode("connection_lost")
                  .cause(t)
                  .build()
              : connectionFailure(t));
    }

    @Override
    public void onComplete() {
      if (errorInfo == null) {
        complete();
        return;
      }
      fail(translate());
    }

    private ProviderException translate() {
      UpstreamError error =
          new UpstreamError(
              request.providerId(),
              errorInfo.statusCode(),
              errorInfo.headers(),
              errorBody.toByteArray(),
              RetryHints.from(errorInfo.headers(), Instant.now()),
              request.secrets());
      try {
        return request.errors().translate(error);
      } catch (RuntimeException e) {
        return ProviderException.builder(
                ErrorCategory.UPSTREAM_PROTOCOL,
                "unreadable error response (HTTP " + errorInfo.statusCode() + ")")
            .provider(request.providerId())
            .httpStatus(errorInfo.statusCode())
            .cause(e)
            .build();
      }
    }

    private ProviderException tooLarge() {
      return ProviderException.builder(
              ErrorCategory.UPSTREAM_PROTOCOL,
              "response exceeded the cap of " + request.maxResponseBytes() + " bytes")
          .provider(request.providerId())
          .providerCode("response_too_large")
          .build();
    }
  }
}
