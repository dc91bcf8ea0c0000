package dev.switchboard.providers.bedrock;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import dev.switchboard.providers.StreamListener;
import dev.switchboard.providers.wire.TokenEstimate;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;

/**
 * One ConverseStream, its events translated for a {@link StreamListener} as they arrive: text
 * deltas, the stop reason, and the usage of the closing {@code metadata} event. Exactly one of
 * complete, error or cancelled reaches the listener; a stream that ends without metadata, or
 * breaks, reports an estimated or incomplete usage, never none. A body that ends before the {@code
 * messageStop} event is an error ({@code stream_truncated}): the SDK's decoder drops a partial last
 * frame silently, and the reply would otherwise look complete.
 */
final class BedrockStream {

  private final ChatRequest request;
  private final StreamListener listener;
  private final Collection<String> secrets;
  private final long maxChars;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final CompletableFuture<Usage> completion = new CompletableFuture<>();
  private volatile Usage reported;
  private volatile boolean stopped;
  private long chars;

  BedrockStream(
      ChatRequest request, StreamListener listener, Collection<String> secrets, long maxBytes) {
    this.request = request;
    this.listener = listener;
    this.secrets = secrets;
    this.maxChars = maxBytes;
  }

  CompletableFuture<Usage> completion() {
    return completion;
  }

  ConverseStreamResponseHandler handler() {
    return ConverseStreamResponseHandler.builder()
        .subscriber(
            ConverseStreamResponseHandler.Visitor.builder()
                .onContentBlockDelta(this::delta)
                .onMessageStop(this::stop)
                .onMetadata(this::metadata)
                .build())
        .build();
  }

  /** Ends the stream when the SDK's call ends: normally, failed, or cancelled by us. */
  void attach(CompletableFuture<Void> call) {
    call.whenComplete(
        (ok, failure) -> {
          if (failure == null && !stopped) {
            // the body ended before messageStop: a frame or more was cut off (RELIABILITY case 11)
            fail(truncated());
          } else if (failure == null) {
            complete();
          } else {
            fail(BedrockErrors.map(failure, secrets));
          }
        });
  }

  private void delta(ContentBlockDeltaEvent event) {
    if (finished.get() || event.delta() == null || event.delta().text() == null) {
      return;
    }
    String text = event.delta().text();
    chars += text.length();
    if (chars > maxChars) {
      fail(
          ProviderException.builder(
                  ErrorCategory.UPSTREAM_PROTOCOL, "the stream exceeded the response size limit")
              .provider(BedrockErrors.PROVIDER)
              .providerCode("response_too_large")
              .build());
      return;
    }
    listener.onEvent(new StreamEvent.TextDelta(text));
  }

  private void stop(MessageStopEvent event) {
    stopped = true;
    if (!finished.get()) {
      listener.onEvent(new StreamEvent.Finish(BedrockResponses.finish(event.stopReason())));
    }
  }

  private void metadata(ConverseStreamMetadataEvent event) {
    Usage usage = BedrockResponses.usage(event.usage(), UsageSource.REPORTED);
    if (usage != null && !finished.get()) {
      reported = usage;
      listener.onEvent(new StreamEvent.UsageReport(usage));
    }
  }

  private static ProviderException truncated() {
    return ProviderException.builder(
            ErrorCategory.UPSTREAM_PROTOCOL,
            "the Bedrock stream ended before its messageStop event (truncated)")
        .provider(BedrockErrors.PROVIDER)
        .providerCode("stream_truncated")
        .build();
  }

  private void complete() {
    if (finished.compareAndSet(false, true)) {
      Usage usage = reported != null ? reported : estimate();
      listener.onComplete(usage);
      completion.complete(usage);
    }
  }

  void fail(ProviderException error) {
    if (finished.compareAndSet(false, true)) {
      Usage usage = soFar();
      listener.onError(error, usage);
      completion.completeExceptionally(error);
    }
  }

  /** The caller cancelled: the listener hears it once, the future ends with the usage so far. */
  boolean cancelled() {
    if (finished.compareAndSet(false, true)) {
      Usage usage = soFar();
      listener.onCancelled(usage);
      completion.complete(usage);
      return true;
    }
    return false;
  }

  private Usage soFar() {
    return reported != null ? reported.withSource(UsageSource.INCOMPLETE) : estimate();
  }

  private Usage estimate() {
    return Usage.of(
        TokenEstimate.ofRequest(request), TokenEstimate.ofChars(chars), UsageSource.ESTIMATED);
  }
}
