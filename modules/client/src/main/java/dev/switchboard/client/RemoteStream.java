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
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One streamed chat over the gateway, run on a worker thread: makes the call, then reads the SSE
 * body event by event and hands each event to the listener as it is read. Ends the listener with
 * exactly one of complete, error or cancelled, whichever comes first; nothing reaches the listener
 * after that. {@link #cancel()} closes the connection.
 */
final class RemoteStream implements ChatStream, Runnable {

  private static final System.Logger LOG = System.getLogger(RemoteStream.class.getName());

  private final Supplier<Response> call;
  private final ChatStreamListener listener;
  private final JsonProvider json;
  private final Executor closer;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean cancelled;
  private volatile Response response;
  private volatile StreamChunks chunks;

  /**
   * @param call makes the HTTP call (on the worker thread) and returns its open, successful
   *     response; an error answer is thrown as a {@link ProviderException}
   * @param closer where a cancelled connection is closed, so that {@code cancel()} never blocks
   */
  RemoteStream(
      Supplier<Response> call, ChatStreamListener listener, JsonProvider json, Executor closer) {
    this.call = call;
    this.listener = listener;
    this.json = json;
    this.closer = closer;
  }

  @Override
  public void cancel() {
    cancelled = true;
    if (ended.compareAndSet(false, true)) {
      listener.onCancelled(usageSoFar());
    }
    Response open = response;
    if (open != null) {
      closer.execute(() -> closeQuietly(open));
    }
  }

  @Override
  public void run() {
    Response r = null;
    try {
      if (cancelled) {
        return;
      }
      r = call.get();
      response = r;
      if (cancelled) {
        return;
      }
      servedBy(r);
      relay(r.readEntity(InputStream.class));
    } catch (ProviderException e) {
      fail(e);
    } catch (IOException | ProcessingException e) {
      if (!cancelled) {
        fail(GatewayErrors.connection(e, response != null));
      }
    } catch (RuntimeException e) {
      if (!cancelled) {
        fail(GatewayErrors.protocol("malformed_chunk", "a stream chunk is not as expected", e));
      }
    } finally {
      if (r != null) {
        closeQuietly(r);
      }
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
    } else if (!cancelled) {
      fail(GatewayErrors.protocol("stream_truncated", "the stream ended before [DONE]", null));
    }
  }

  private void deliver(StreamEvent event) {
    if (!ended.get()) {
      listener.onEvent(event);
    }
  }

  private void servedBy(Response r) {
    String provider = r.getHeaderString(ResponseBodies.PROVIDER);
    if (provider != null) {
      listener.onServedBy(
          provider, r.getHeaderString(ResponseBodies.MODEL), ResponseBodies.attempts(r));
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

  private static void closeQuietly(Response r) {
    try {
      r.close();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing a gateway stream failed", e);
    }
  }
}
