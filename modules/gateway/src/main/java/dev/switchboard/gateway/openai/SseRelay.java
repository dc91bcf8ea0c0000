package dev.switchboard.gateway.openai;

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
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Relays a routed stream to the caller as OpenAI SSE chunks, each written and flushed as its event
 * arrives: the router's I/O thread hands chunks over a queue to the response thread, nothing is
 * collected first. {@link #start} waits until the router has committed the stream to a deployment
 * (its first token), so the response headers can name it; a failure before that is an ordinary HTTP
 * error in OpenAI's shape, as a non-streaming call's. A caller that goes away cancels the upstream
 * call.
 */
final class SseRelay implements StreamingOutput {

  private static final byte[] END = new byte[0];

  /** Which deployment serves the stream, as the response headers name it. */
  record ServedBy(String provider, String model, int attempts) {}

  private final ChatCompletionRequest parsed;
  private final ChatCompletionWriter writer;
  private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
  private final CompletableFuture<ServedBy> started = new CompletableFuture<>();
  private volatile ChatStream stream;

  private SseRelay(ChatCompletionRequest parsed, ChatCompletionWriter writer) {
    this.parsed = parsed;
    this.writer = writer;
  }

  /**
   * Starts the routed stream and waits for its first token, at most {@code wait}.
   *
   * @throws ProviderException the router's failure, when the stream failed before its first token
   */
  static SseRelay start(
      LlmRouter router,
      ChatCompletionRequest parsed,
      CallContext context,
      ChatCompletionWriter writer,
      Duration wait) {
    SseRelay relay = new SseRelay(parsed, writer);
    relay.stream = router.stream(parsed.request(), context, relay.new Enqueuer());
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
  ServedBy servedBy() {
    return started.join();
  }

  @Override
  public void write(OutputStream out) throws IOException {
    out.write(writer.roleChunk());
    out.flush();
    try {
      for (byte[] chunk = chunks.take(); chunk != END; chunk = chunks.take()) {
        out.write(chunk);
        out.flush();
      }
    } catch (IOException e) {
      stream.cancel();
      throw e;
    } catch (InterruptedException e) {
      stream.cancel();
      Thread.currentThread().interrupt();
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
      byte[] chunk = writer.chunk(event);
      if (chunk != null) {
        chunks.add(chunk);
      }
    }

    @Override
    public void onComplete(Usage usage) {
      started.complete(new ServedBy(null, null, 0));
      if (parsed.includeUsage() && usage != null) {
        chunks.add(writer.usageChunk(usage));
      }
      chunks.add(ChatCompletionWriter.DONE);
      chunks.add(END);
    }

    @Override
    public void onError(ProviderException error, Usage usageSoFar) {
      if (started.completeExceptionally(error)) {
        return; // before the first token: the caller gets an HTTP error instead of a stream
      }
      OpenAiErrors.Shape shape = OpenAiErrors.of(error);
      String message = PromptEcho.redacted(error, parsed.request()).getMessage();
      chunks.add(ChatCompletionWriter.streamError(message, shape.type(), shape.code()));
      chunks.add(END);
    }

    @Override
    public void onCancelled(Usage usageSoFar) {
      started.completeExceptionally(
          ProviderException.builder(ErrorCategory.UNAVAILABLE, "The stream was cancelled.")
              .build());
      chunks.add(END);
    }
  }
}
