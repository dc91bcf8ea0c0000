package dev.switchboard.client;

import dev.switchboard.client.wire.GatewayErrors;
import dev.switchboard.client.wire.SseReader;
import dev.switchboard.client.wire.StreamChunks;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.ChatStream;
import dev.switchboard.core.router.ChatStreamListener;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One streamed chat over the gateway, run on a worker thread: makes the call, then reads the SSE
 * body event by event and hands each event to the listener as it is read. Ends the listener with
 * exactly one of complete, error or cancelled, whichever comes first; nothing reaches the listener
 * after that. {@link #cancel()} aborts the connection; so does a body silent for longer than the
 * read timeout ({@link #checkIdle}), which ends the stream with a timeout.
 */
final class RemoteStream implements ChatStream, Runnable {

  private final Supplier<StreamConnection> call;
  private final ChatStreamListener listener;
  private final JsonProvider json;
  private final Executor closer;
  private final Consumer<RemoteStream> finished;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean cancelled;
  private volatile boolean timedOut;
  private volatile StreamConnection connection;
  private volatile StreamChunks chunks;

  /**
   * @param call makes the HTTP call (on the worker thread) and returns its open, successful
   *     connection; an error answer is thrown as a {@link ProviderException}
   * @param closer where a cancelled connection is closed, so that {@code cancel()} never blocks
   * @param finished told once the worker is done with the connection
   */
  RemoteStream(
      Supplier<StreamConnection> call,
      ChatStreamListener listener,
      JsonProvider json,
      Executor closer,
      Consumer<RemoteStream> finished) {
    this.call = call;
    this.listener = listener;
    this.json = json;
    this.closer = closer;
    this.finished = finished;
  }

  @Override
  public void cancel() {
    cancelled = true;
    if (ended.compareAndSet(false, true)) {
      listener.onCancelled(usageSoFar());
    }
    StreamConnection open = connection;
    if (open != null) {
      closer.execute(open::close);
    }
  }

  /**
   * Aborts the connection when its body has been silent for {@code timeoutNanos}: the read in
   * progress fails, and the stream ends with a timeout.
   */
  void checkIdle(long now, long timeoutNanos) {
    StreamConnection open = connection;
    if (open != null && !ended.get() && open.idleNanos(now) > timeoutNanos) {
      timedOut = true;
      open.close();
    }
  }

  @Override
  public void run() {
    StreamConnection c = null;
    try {
      if (cancelled) {
        return;
      }
      c = call.get();
      connection = c;
      if (cancelled) {
        return;
      }
      servedBy(c);
      relay(c.body());
    } catch (ProviderException e) {
      fail(e);
    } catch (IOException e) {
      if (timedOut) {
        fail(idle());
      } else if (!cancelled) {
        fail(GatewayErrors.connection(e, connection != null));
      }
    } catch (RuntimeException e) {
      if (!cancelled) {
        fail(GatewayErrors.protocol("malformed_chunk", "a stream chunk is not as expected", e));
      }
    } finally {
      if (c != null) {
        c.close();
      }
      finished.accept(this);
    }
  }

  private void relay(InputStream body) throws IOException {
    StreamChunks c = new StreamChunks(json, this::deliver);
    chunks = c;
    StreamChunks.Outcome[] last = {StreamChunks.Outcome.MORE};
    new SseReader(body)
        .read(
            data -> {
              last[0] = c.accept(data);
              return last[0] instanceof StreamChunks.Outcome.More && !cancelled;
            });
    if (last[0] instanceof StreamChunks.Outcome.Done) {
      if (ended.compareAndSet(false, true)) {
        listener.onComplete(c.usage());
      }
    } else if (last[0] instanceof StreamChunks.Outcome.Failed f) {
      fail(f.error());
    } else if (timedOut) {
      fail(idle());
    } else if (!cancelled) {
      fail(GatewayErrors.protocol("stream_truncated", "the stream ended before [DONE]", null));
    }
  }

  private static ProviderException idle() {
    return GatewayErrors.connection(
        new java.net.SocketTimeoutException("no stream data within the read timeout"), true);
  }

  private void deliver(StreamEvent event) {
    if (!ended.get()) {
      listener.onEvent(event);
    }
  }

  private void servedBy(StreamConnection c) {
    String provider = c.header(ResponseBodies.PROVIDER);
    if (provider != null) {
      listener.onServedBy(
          provider,
          c.header(ResponseBodies.MODEL),
          ResponseBodies.attempts(c.header(ResponseBodies.ATTEMPTS)));
    }
  }

  private void fail(ProviderException error) {
    if (ended.compareAndSet(false, true)) {
      listener.onError(error, usageSoFar());
    }
  }

  private Usage usageSoFar() {
    StreamChunks c = chunks;
    return c == null ? Usage.NONE : c.usage().withSource(UsageSource.INCOMPLETE);
  }
}
