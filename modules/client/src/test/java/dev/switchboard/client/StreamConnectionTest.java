package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.wire.ChatRequests;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.ChatStream;
import jakarta.json.spi.JsonProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a stream's connection does at the socket, against a gateway played by a plain server socket
 * that writes an SSE chunk every 100 ms: a cancel closes the connection (the server's next writes
 * fail), rather than reading the rest of the body; a body silent past the read timeout ends the
 * stream with a timeout.
 */
class StreamConnectionTest {

  private static final CallContext CONTEXT = new CallContext("ws", null, "alice", Map.of());
  private static final String CHUNK =
      "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":"
          + "[{\"index\":0,\"delta\":{\"content\":\"tick \"},\"finish_reason\":null}]}\n\n";

  /**
   * Accepts one connection, answers 200 with a chunked SSE body, writes {@code chunks} chunks 100
   * ms apart and then stays silent; completes with how many chunks it wrote before a write failed
   * (the client closed the connection), or -1 when all were written.
   */
  private static CompletableFuture<Integer> gateway(
      ServerSocket server, int chunks, long silenceMs) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Socket s = server.accept()) {
            BufferedReader in =
                new BufferedReader(
                    new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            int length = 0;
            for (String line = in.readLine();
                line != null && !line.isEmpty();
                line = in.readLine()) {
              if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
              }
            }
            in.skip(length);
            OutputStream out = s.getOutputStream();
            out.write(
                ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                        + "Transfer-Encoding: chunked\r\nx-switchboard-provider: openai\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < chunks; i++) {
              byte[] data = CHUNK.getBytes(StandardCharsets.UTF_8);
              try {
                out.write((Integer.toHexString(data.length) + "\r\n").getBytes());
                out.write(data);
                out.write("\r\n".getBytes());
                out.flush();
              } catch (IOException closedByClient) {
                return i;
              }
              Thread.sleep(100);
            }
            Thread.sleep(silenceMs);
            return -1;
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void aCancelClosesTheConnectionInsteadOfReadingTheRestOfTheBody() throws Exception {
    try (ServerSocket server = new ServerSocket(0);
        GatewayRouter router =
            new GatewayRouter(
                ClientSettings.of("http://127.0.0.1:" + server.getLocalPort(), "sb-test"))) {
      CompletableFuture<Integer> written = gateway(server, 200, 0);
      RecordingListener listener = new RecordingListener();
      ChatStream stream =
          router.stream(ChatRequest.builder("m").user("tick").build(), CONTEXT, listener);
      await().atMost(Duration.ofSeconds(10)).until(() -> !listener.text().isEmpty());

      stream.cancel();

      // 200 chunks take 20 s to write: a drained connection would take them all
      int before = written.get(5, TimeUnit.SECONDS);
      assertThat(before).isBetween(1, 60);
      assertThat(listener.cancelled()).isTrue();
      assertThat(listener.endings()).isEqualTo(1);
    }
  }

  /**
   * The worker may find the stream cancelled before the closer thread gets to the connection (a
   * busy machine): then the worker's own close must cut the connection too, at once.
   */
  @Test
  void aCancelledStreamIsCutAtOnceEvenWhenItsWorkerClosesItBeforeTheCloser() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      CompletableFuture<Integer> written = gateway(server, 200, 0);
      ClientSettings settings =
          ClientSettings.of("http://127.0.0.1:" + server.getLocalPort(), "sb-test");
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      JsonProvider json = JsonProvider.provider();
      String body =
          new ChatRequests(json).chat(ChatRequest.builder("m").user("tick").build(), true);
      Executor lateCloser =
          task -> CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS).execute(task);
      RecordingListener listener = new RecordingListener();
      RemoteStream stream =
          new RemoteStream(
              () -> StreamConnection.open(http, settings, json, body, CONTEXT),
              listener,
              json,
              lateCloser,
              s -> {});
      Thread worker = new Thread(stream, "stream-worker");
      worker.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> !listener.text().isEmpty());

      stream.cancel();

      // the worker sees the cancel at the next chunk (100 ms) and closes the connection itself,
      // long before the closer's turn (3 s): a close that read the rest would take 20 s
      worker.join(1_000);
      assertThat(worker.isAlive()).as("the worker is still reading").isFalse();
      assertThat(written.get(1, TimeUnit.SECONDS)).isBetween(1, 60);
      assertThat(listener.endings()).isEqualTo(1);
    }
  }

  @Test
  void aStreamSilentPastTheReadTimeoutEndsWithATimeout() throws Exception {
    try (ServerSocket server = new ServerSocket(0);
        GatewayRouter router =
            new GatewayRouter(
                new ClientSettings(
                    URI.create("http://127.0.0.1:" + server.getLocalPort()),
                    "sb-test",
                    Duration.ofSeconds(2),
                    Duration.ofMillis(400)))) {
      gateway(server, 3, 10_000);
      RecordingListener listener = new RecordingListener();
      long start = System.nanoTime();
      router.stream(ChatRequest.builder("m").user("tick").build(), CONTEXT, listener);

      await().atMost(Duration.ofSeconds(5)).until(listener::ended);

      assertThat(listener.text()).isEqualTo("tick tick tick ");
      assertThat(listener.error().category()).isEqualTo(ErrorCategory.TIMEOUT);
      assertThat(listener.endings()).isEqualTo(1);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
    }
  }
}
