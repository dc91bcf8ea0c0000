package dev.switchboard.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.ChatStream;
import dev.switchboard.core.router.ChatStreamListener;
import dev.switchboard.core.router.LlmRouter;
import dev.switchboard.core.router.RoutedChat;
import dev.switchboard.core.usage.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 8: the relay's queue is bounded, a slow caller pauses the upstream instead of
 * queuing without limit, a caller that goes away cancels it, and no wait is without a deadline. The
 * router here is a script: it hands the relay's listener to the test and counts what the relay asks
 * of the stream.
 */
class SseRelayTest {

  private static final SseRelay.Limits SMALL =
      new SseRelay.Limits(1_000, 200, 5_000, Duration.ofMillis(100));
  private static final String TEXT = "x".repeat(90);

  private final ScriptedRouter router = new ScriptedRouter();

  @Test
  void aSlowCallerPausesTheUpstreamAndDrainingResumesIt() throws Exception {
    SseRelay relay = start(Duration.ofSeconds(30));
    for (int i = 0; i < 15; i++) {
      router.listener.onEvent(new StreamEvent.TextDelta(TEXT));
    }

    assertThat(router.pauses.get()).isEqualTo(1);
    assertThat(router.resumes.get()).isZero();
    assertThat(relay.queuedBytes()).isLessThan(SMALL.maxBytes());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> write(relay, out));
    router.listener.onComplete(Usage.NONE);
    writing.get();

    assertThat(router.resumes.get()).isEqualTo(1);
    assertThat(router.cancels.get()).isZero();
    String body = out.toString(StandardCharsets.UTF_8);
    assertThat(body.split(TEXT, -1)).hasSize(16);
    assertThat(body).endsWith("data: [DONE]\n\n");
  }

  @Test
  void aStreamThatDoesNotPauseIsCutAtTheBoundNotQueuedWithoutLimit() throws Exception {
    SseRelay relay = start(Duration.ofSeconds(30));
    for (int i = 0; i < 1_000; i++) {
      router.listener.onEvent(new StreamEvent.TextDelta(TEXT));
      assertThat(relay.queuedBytes()).isLessThanOrEqualTo(SMALL.maxBytes());
    }

    assertThat(router.cancels.get()).isEqualTo(1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(relay, out);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("stream_buffer_full");
  }

  @Test
  void aCallerThatWentAwayCancelsTheUpstream() throws Exception {
    SseRelay relay = start(Duration.ofSeconds(30));
    router.listener.onEvent(new StreamEvent.TextDelta(TEXT));
    OutputStream gone =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("Broken pipe");
          }
        };

    assertThatThrownBy(() -> relay.write(gone)).isInstanceOf(IOException.class);
    assertThat(router.cancels.get()).isEqualTo(1);
  }

  @Test
  void aCallerThatWentAwayIsNoticedWhileTheUpstreamIsSilent() throws Exception {
    SseRelay relay = start(Duration.ofSeconds(30));
    AtomicInteger writes = new AtomicInteger();
    OutputStream goesAway =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            if (writes.incrementAndGet() > 1) { // the role chunk went out, then the caller left
              throw new IOException("Connection reset by peer");
            }
          }
        };

    // no event ever comes: the heartbeat's write fails and the upstream is cancelled
    assertThatThrownBy(() -> relay.write(goesAway)).isInstanceOf(IOException.class);
    assertThat(router.cancels.get()).isEqualTo(1);
  }

  @Test
  void aSilentUpstreamEndsAtTheRelaysDeadlineWithAStreamError() throws Exception {
    SseRelay relay = start(Duration.ofMillis(500));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    write(relay, out);

    assertThat(router.cancels.get()).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(": keep-alive")
        .contains("deadline_exceeded");
  }

  private SseRelay start(Duration wait) {
    ChatCompletionRequest parsed =
        ChatCompletionParser.parse(
            ("{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .getBytes(StandardCharsets.UTF_8));
    return SseRelay.start(
        router,
        parsed,
        new CallContext("w", null, "alice", null, null),
        new ChatCompletionWriter("chatcmpl-1", "openai/gpt-4o-mini", 1L),
        wait,
        SMALL);
  }

  private static void write(SseRelay relay, OutputStream out) {
    try {
      relay.write(out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Hands the listener to the test; counts pause, resume and cancel. */
  private static final class ScriptedRouter implements LlmRouter {
    volatile ChatStreamListener listener;
    final AtomicInteger pauses = new AtomicInteger();
    final AtomicInteger resumes = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();

    @Override
    public ChatStream stream(ChatRequest request, CallContext context, ChatStreamListener l) {
      listener = l;
      l.onServedBy("openai", "gpt-4o-mini", 1);
      return new ChatStream() {
        @Override
        public void cancel() {
          cancels.incrementAndGet();
        }

        @Override
        public void pause() {
          pauses.incrementAndGet();
        }

        @Override
        public void resume() {
          resumes.incrementAndGet();
        }
      };
    }

    @Override
    public RoutedChat chat(ChatRequest request, CallContext context) {
      throw new UnsupportedOperationException();
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, CallContext context) {
      throw new UnsupportedOperationException();
    }
  }
}
