package dev.switchboard.gateway.openai;

import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.ChatStream;
import dev.switchboard.core.router.ChatStreamListener;
import dev.switchboard.core.router.LlmRouter;
import dev.switchboard.core.usage.Usage;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Relays a routed stream to the caller as OpenAI SSE chunks, each written and flushed as its event
 * arrives: the router's I/O thread hands chunks over a queue to the response thread, nothing is
 * collected first. A caller that goes away cancels the upstream call.
 */
final class SseRelay implements StreamingOutput {

  private static final byte[] END = new byte[0];

  private final LlmRouter router;
  private final ChatCompletionRequest parsed;
  private final CallContext context;
  private final ChatCompletionWriter writer;

  SseRelay(
      LlmRouter router,
      ChatCompletionRequest parsed,
      CallContext context,
      ChatCompletionWriter writer) {
    this.router = router;
    this.parsed = parsed;
    this.context = context;
    this.writer = writer;
  }

  @Override
  public void write(OutputStream out) throws IOException {
    BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    ChatStream stream = router.stream(parsed.request(), context, new Enqueuer(chunks));
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
    private final BlockingQueue<byte[]> chunks;

    Enqueuer(BlockingQueue<byte[]> chunks) {
      this.chunks = chunks;
    }

    @Override
    public void onEvent(StreamEvent event) {
      byte[] chunk = writer.chunk(event);
      if (chunk != null) {
        chunks.add(chunk);
      }
    }

    @Override
    public void onComplete(Usage usage) {
      if (parsed.includeUsage() && usage != null) {
        chunks.add(writer.usageChunk(usage));
      }
      chunks.add(ChatCompletionWriter.DONE);
      chunks.add(END);
    }

    @Override
    public void onError(ProviderException error, Usage usageSoFar) {
      OpenAiErrors.Shape shape = OpenAiErrors.of(error);
      chunks.add(ChatCompletionWriter.streamError(error.getMessage(), shape.type(), shape.code()));
      chunks.add(END);
    }

    @Override
    public void onCancelled(Usage usageSoFar) {
      chunks.add(END);
    }
  }
}
