package dev.switchboard.providers.wire;

import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import dev.switchboard.providers.StreamHandle;
import dev.switchboard.providers.StreamListener;
import dev.switchboard.providers.transport.Exchange;
import dev.switchboard.providers.transport.HttpTransport;
import dev.switchboard.providers.transport.ResponseSink;
import dev.switchboard.providers.transport.TransportRequest;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * One stream from bytes to listener: frames the body, lets the adapter's translator turn frames
 * into events, keeps the usage tally, and ends the stream exactly once: complete, failed (with the
 * usage so far marked incomplete or estimated) or cancelled. Nothing is buffered beyond the current
 * line.
 */
public final class StreamSession implements ResponseSink {

  private static final System.Logger LOG = System.getLogger(StreamSession.class.getName());
  private static final int MAX_LINE_BYTES = 1024 * 1024;

  private final String providerId;
  private final FrameTranslator translator;
  private final StreamListener listener;
  private final long estimatedInputTokens;
  private final CompletableFuture<Usage> completion = new CompletableFuture<>();
  private final UsageTally usage = new UsageTally();
  private final SseParser sse;
  private final LineDecoder ndjson;
  private volatile Exchange exchange;
  private boolean terminated;
  private boolean sawTerminalFrame;
  private long outputChars;
  private HttpHeaders headers;

  private StreamSession(
      String providerId,
      Framing framing,
      FrameTranslator translator,
      StreamListener listener,
      long estimatedInputTokens) {
    this.providerId = providerId;
    this.translator = translator;
    this.listener = listener;
    this.estimatedInputTokens = estimatedInputTokens;
    this.sse = framing == Framing.SSE ? new SseParser(MAX_LINE_BYTES, this::onFrame) : null;
    this.ndjson =
        framing == Framing.NDJSON ? new LineDecoder(MAX_LINE_BYTES, this::onNdjsonLine) : null;
  }

  /** Starts the call and returns at once; the listener hears the rest. */
  public static StreamHandle start(
      HttpTransport transport,
      TransportRequest request,
      Framing framing,
      FrameTranslator translator,
      StreamListener listener,
      long estimatedInputTokens) {
    StreamSession session =
        new StreamSession(
            request.providerId(), framing, translator, listener, estimatedInputTokens);
    Exchange exchange = transport.exchange(request, session);
    session.exchange = exchange;
    synchronized (session) {
      if (session.terminated) {
        // ended (an error event, say) before the exchange was known: close it now
        exchange.cancel();
      }
    }
    return new StreamHandle(session::cancel, session.completion, exchange::pause, exchange::resume);
  }

  /**
   * A stream refused before any call (an unsupported feature, a bad setting): the listener hears
   * the error like any other, with no usage.
   */
  public static StreamHandle refused(StreamListener listener, ProviderException error) {
    Usage none = Usage.of(0, 0, UsageSource.ESTIMATED);
    safely(() -> listener.onError(error, none));
    return new StreamHandle(() -> {}, CompletableFuture.failedFuture(error));
  }

  // ---- called by translators

  public void text(String delta) {
    if (delta != null && !delta.isEmpty()) {
      outputChars += delta.length();
      deliver(new StreamEvent.TextDelta(delta));
    }
  }

  public void toolCall(int index, String id, String name, String argumentsFragment) {
    if (argumentsFragment != null) {
      outputChars += argumentsFragment.length();
    }
    deliver(new StreamEvent.ToolCallDelta(index, id, name, argumentsFragment));
  }

  public void finish(FinishReason reason) {
    deliver(new StreamEvent.Finish(reason));
  }

  /** The tally the translator records reported usage in. */
  public UsageTally usage() {
    return usage;
  }

  /** The provider's last frame was seen: the stream may end now without being truncated. */
  public void terminal() {
    sawTerminalFrame = true;
  }

  /** The provider reported an error inside the stream; the connection is closed. */
  public void fail(ProviderException error) {
    failAndClose(error);
  }

  /** The response headers, e.g. for a request id. */
  public HttpHeaders headers() {
    return headers;
  }

  // ---- transport callbacks (under the exchange's lock, in order)

  @Override
  public synchronized void onResponse(int status, HttpHeaders responseHeaders) {
    this.headers = responseHeaders;
  }

  @Override
  public void onBytes(ByteBuffer bytes) {
    try {
      if (sse != null) {
        sse.feed(bytes);
      } else {
        ndjson.feed(bytes);
      }
    } catch (RuntimeException e) {
      failAndClose(malformed(e));
    }
  }

  @Override
  public void onComplete() {
    try {
      if (sse != null) {
        sse.finish();
      } else {
        ndjson.finish();
      }
    } catch (RuntimeException e) {
      failAndClose(malformed(e));
      return;
    }
    if (!sawTerminalFrame) {
      onFailure(
          ProviderException.builder(
                  ErrorCategory.UPSTREAM_PROTOCOL, "stream ended before its final event")
              .provider(providerId)
              .providerCode("stream_truncated")
              .build());
      return;
    }
    Usage finalUsage = currentUsage(UsageSource.REPORTED);
    synchronized (this) {
      if (terminated) {
        return;
      }
      safely(() -> listener.onEvent(new StreamEvent.UsageReport(finalUsage)));
      terminated = true;
    }
    safely(() -> listener.onComplete(finalUsage));
    completion.complete(finalUsage);
  }

  @Override
  public void onFailure(ProviderException error) {
    Usage soFar;
    synchronized (this) {
      if (terminated) {
        return;
      }
      terminated = true;
      soFar = currentUsage(UsageSource.INCOMPLETE);
    }
    safely(() -> listener.onError(error, soFar));
    completion.completeExceptionally(error);
  }

  // ----

  private void cancel() {
    Exchange running = exchange;
    if (running != null) {
      running.cancel();
    }
    Usage soFar;
    synchronized (this) {
      if (terminated) {
        return;
      }
      terminated = true;
      soFar = currentUsage(UsageSource.INCOMPLETE);
    }
    safely(() -> listener.onCancelled(soFar));
    completion.complete(soFar);
  }

  private void failAndClose(ProviderException error) {
    Exchange running = exchange;
    if (running != null) {
      running.cancel();
    }
    onFailure(error);
  }

  private void onFrame(SseEvent frame) {
    synchronized (this) {
      if (terminated) {
        return;
      }
    }
    translator.onFrame(frame, this);
  }

  private void onNdjsonLine(String line) {
    if (!line.isBlank()) {
      onFrame(new SseEvent("message", line));
    }
  }

  private void deliver(StreamEvent event) {
    synchronized (this) {
      if (terminated) {
        return;
      }
    }
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "stream listener failed; cancelling the stream", e);
      cancel();
    }
  }

  /**
   * Reported numbers when there are any (marked {@code whenReported}), otherwise an estimate from
   * the prompt and the output seen so far.
   */
  private Usage currentUsage(UsageSource whenReported) {
    if (usage.reported()) {
      Usage reported = usage.toUsage(whenReported);
      if (whenReported != UsageSource.INCOMPLETE) {
        return reported;
      }
      // cut off: the provider's running numbers may lag the text already sent (Anthropic states
      // the output only at the end), so bill at least the input and the output seen so far
      long in = reported.inputTokens() > 0 ? reported.inputTokens() : estimatedInputTokens;
      long out = Math.max(reported.outputTokens(), TokenEstimate.ofChars(outputChars));
      return new Usage(
          in,
          out,
          reported.cachedInputTokens(),
          reported.reasoningTokens(),
          Math.max(reported.totalTokens(), in + out),
          UsageSource.INCOMPLETE);
    }
    return Usage.of(
        estimatedInputTokens, TokenEstimate.ofChars(outputChars), UsageSource.ESTIMATED);
  }

  private ProviderException malformed(RuntimeException e) {
    if (e instanceof ProviderException pe) {
      return pe;
    }
    return ProviderException.builder(
            ErrorCategory.UPSTREAM_PROTOCOL, "malformed stream from upstream")
        .provider(providerId)
        .providerCode("malformed_stream")
        .cause(e)
        .build();
  }

  private static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "stream listener failed", e);
    }
  }
}
