package dev.switchboard.gateway.openai;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.ChatStream;
import dev.switchboard.core.router.ChatStreamListener;
import dev.switchboard.core.router.LlmRouter;
import dev.switchboard.core.usage.Usage;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Relays a routed stream to the caller, each event framed by the door's {@link StreamFraming}
 * (OpenAI's chunks, Anthropic's named events) and written and flushed as it arrives: the router's
 * I/O thread hands chunks over a queue to the response thread, nothing is collected first. {@link
 * #start} waits until the router has committed the stream to a deployment (its first token), so the
 * response headers can name it; a failure before that is an ordinary HTTP error in the door's
 * shape, as a non-streaming call's.
 *
 * <p>The queue is bounded: above {@link Limits#pauseBytes} the upstream is paused (the transport
 * stops reading, TCP holds the provider back) and resumed below {@link Limits#resumeBytes}; a
 * stream that cannot pause and passes {@link Limits#maxBytes} is cancelled with a stream error. The
 * response thread never waits without a limit: it ends the stream at the relay's deadline, and
 * after {@link Limits#heartbeat} of silence writes an SSE comment, so a caller that went away is
 * noticed (the write fails) even while the upstream is silent. A caller that goes away cancels the
 * upstream call; the router records it as INCOMPLETE with the tokens seen.
 */
public final class SseRelay implements StreamingOutput {

  private static final byte[] END = new byte[0];
  private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

  /** The queue's bounds and the silence after which a heartbeat goes out. */
  public record Limits(int pauseBytes, int resumeBytes, int maxBytes, Duration heartbeat) {
    public static final Limits DEFAULTS =
        new Limits(64 * 1024, 16 * 1024, 1024 * 1024, Duration.ofSeconds(15));
  }

  /** Which deployment serves the stream, as the response headers name it. */
  public record ServedBy(String provider, String model, int attempts) {}

  private final ChatRequest request;
  private final StreamFraming framing;
  private final Limits limits;
  private final long deadlineNanos;
  private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final CompletableFuture<ServedBy> started = new CompletableFuture<>();
  private volatile ChatStream stream;
  private volatile boolean overflowed;
  private boolean expired; // the response thread's own
  private boolean paused; // guarded by this

  SseRelay(ChatRequest request, StreamFraming framing, Limits limits, Duration wait) {
    this.request = request;
    this.framing = framing;
    this.limits = limits;
    this.deadlineNanos = System.nanoTime() + wait.toNanos();
  }

  /**
   * Starts the routed stream and waits for its first token, at most {@code wait}; the whole relay
   * ends within {@code wait} of its start too.
   *
   * @throws ProviderException the router's failure, when the stream failed before its first token
   */
  static SseRelay start(
      LlmRouter router,
      ChatCompletionRequest parsed,
      CallContext context,
      ChatCompletionWriter writer,
      Duration wait) {
    return start(router, parsed, context, writer, wait, Limits.DEFAULTS);
  }

  static SseRelay start(
      LlmRouter router,
      ChatCompletionRequest parsed,
      CallContext context,
      ChatCompletionWriter writer,
      Duration wait,
      Limits limits) {
    return start(
        router,
        parsed.request(),
        context,
        new ChatCompletionFraming(writer, parsed.includeUsage()),
        wait,
        limits);
  }

  /** As {@link #start(LlmRouter, ChatRequest, CallContext, StreamFraming, Duration, Limits)}. */
  public static SseRelay start(
      LlmRouter router,
      ChatRequest request,
      CallContext context,
      StreamFraming framing,
      Duration wait) {
    return start(router, request, context, framing, wait, Limits.DEFAULTS);
  }

  /**
   * The streaming response: this relay as its {@code text/event-stream} body, with the request id
   * and, when known, the deployment that serves it in the headers.
   */
  public jakarta.ws.rs.core.Response.ResponseBuilder response(String requestId) {
    ServedBy served = servedBy();
    jakarta.ws.rs.core.Response.ResponseBuilder b =
        jakarta.ws.rs.core.Response.ok(this, "text/event-stream")
            .header("Cache-Control", "no-cache")
            .header("x-request-id", requestId);
    if (served.provider() != null) {
      b.header("x-switchboard-provider", served.provider())
          .header("x-switchboard-model", served.model())
          .header("x-switchboard-attempts", served.attempts());
    }
    return b;
  }

  /**
   * Starts the routed stream of any door, framed by {@code framing}, and waits for its first token,
   * at most {@code wait}.
   *
   * @throws ProviderException the router's failure, when the stream failed before its first token
   */
  public static SseRelay start(
      LlmRouter router,
      ChatRequest request,
      CallContext context,
      StreamFraming framing,
      Duration wait,
      Limits limits) {
    SseRelay relay = new SseRelay(request, framing, limits, wait);
    relay.stream = router.stream(request, context, relay.new Enqueuer());
    try {
      relay.started.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ProviderException p) {
        throw p;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      relay.stream.cancel();
      throw ProviderException.builder(
              ErrorCategory.TIMEOUT, "No token arrived within " + wait.toSeconds() + " s.")
          .providerCode("deadline_exceeded")
          .build();
    } catch (InterruptedException e) {
      relay.stream.cancel();
      Thread.currentThread().interrupt();
      throw ProviderException.builder(ErrorCategory.UNAVAILABLE, "interrupted").build();
    }
    return relay;
  }

  /** The deployment serving the stream (known once {@link #start} returned). */
  public ServedBy servedBy() {
    return started.join();
  }

  /** Bytes waiting for the caller. */
  long queuedBytes() {
    return queuedBytes.get();
  }

  @Override
  public void write(OutputStream out) throws IOException {
    try {
      byte[] opening = framing.opening();
      if (opening.length > 0) {
        out.write(opening);
        out.flush();
      }
      for (byte[] chunk = next(out); chunk != END; chunk = next(out)) {
        out.write(chunk);
        out.flush();
      }
      byte[] closing = framing.closing();
      if (closing != null && closing.length > 0) {
        out.write(closing);
        out.flush();
      }
    } catch (IOException e) {
      stream.cancel(); // the caller went away: the upstream call ends, its tokens so far billed
      throw e;
    } catch (InterruptedException e) {
      stream.cancel();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The next chunk for the caller, writing heartbeats while the upstream is silent; at the relay's
   * deadline, the upstream is cancelled and the stream ends with an error.
   */
  private byte[] next(OutputStream out) throws IOException, InterruptedException {
    while (true) {
      if (expired) {
        return END;
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        expired = true;
        stream.cancel();
        return framing.cutOff(
            "The stream did not end within its deadline.", StreamFraming.Cut.DEADLINE);
      }
      byte[] chunk =
          chunks.poll(Math.min(left, limits.heartbeat().toNanos()), TimeUnit.NANOSECONDS);
      if (chunk == null) {
        out.write(HEARTBEAT);
        out.flush();
        continue;
      }
      taken(chunk.length);
      return chunk;
    }
  }

  private void taken(int length) {
    long now = queuedBytes.addAndGet(-length);
    ChatStream s = stream;
    synchronized (this) {
      if (!paused || now > limits.resumeBytes()) {
        return;
      }
      paused = false;
    }
    if (s != null) {
      s.resume();
    }
  }

  /** Queues a chunk on the router's I/O thread: never blocks; pauses or cuts a runaway stream. */
  private void offer(byte[] chunk) {
    if (overflowed) {
      return;
    }
    long now = queuedBytes.addAndGet(chunk.length);
    ChatStream s = stream;
    if (now > limits.maxBytes()) {
      overflowed = true;
      if (s != null) {
        s.cancel();
      }
      chunks.clear();
      queuedBytes.set(0);
      chunks.add(
          framing.cutOff(
              "The caller reads the stream too slowly; it was cut off.",
              StreamFraming.Cut.BUFFER_FULL));
      chunks.add(END);
      return;
    }
    chunks.add(chunk);
    boolean pauseNow;
    synchronized (this) {
      pauseNow = !paused && now >= limits.pauseBytes();
      paused = paused || pauseNow;
    }
    if (pauseNow && s != null) {
      s.pause();
    }
  }

  private void end() {
    if (!overflowed) {
      chunks.add(END);
    }
  }

  /** Turns router callbacks into SSE chunks on the queue, ending with {@link #END}. */
  private final class Enqueuer implements ChatStreamListener {

    @Override
    public void onServedBy(String provider, String model, int attempts) {
      started.complete(new ServedBy(provider, model, attempts));
    }

    @Override
    public void onEvent(StreamEvent event) {
      started.complete(new ServedBy(null, null, 0));
      byte[] chunk = framing.event(event);
      if (chunk != null) {
        offer(chunk);
      }
    }

    @Override
    public void onComplete(Usage usage) {
      started.complete(new ServedBy(null, null, 0));
      offer(framing.completed(usage));
      end();
    }

    @Override
    public void onError(ProviderException error, Usage usageSoFar) {
      if (started.completeExceptionally(error)) {
        return; // before the first token: the caller gets an HTTP error instead of a stream
      }
      offer(framing.failed(PromptEcho.redacted(error, request)));
      end();
    }

    @Override
    public void onCancelled(Usage usageSoFar) {
      started.completeExceptionally(
          ProviderException.builder(ErrorCategory.UNAVAILABLE, "The stream was cancelled.")
              .build());
      end();
    }
  }
}
