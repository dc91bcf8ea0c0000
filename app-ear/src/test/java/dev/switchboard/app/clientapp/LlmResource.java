package dev.switchboard.app.clientapp;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.ChatStream;
import dev.switchboard.core.router.ChatStreamListener;
import dev.switchboard.core.router.LlmRouter;
import dev.switchboard.core.router.RoutedChat;
import dev.switchboard.core.usage.Usage;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What an application does with {@code @Inject LlmRouter}: chat, stream and embed, each answered as
 * a small JSON summary (for streams, when each piece arrived) so the test can judge the client from
 * outside. A {@link ProviderException} comes back as its category.
 */
@Path("llm")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LlmResource {

  private static final CallContext CONTEXT =
      new CallContext("from-the-key", "client-it", "alice", Map.of("app", "client-it"));

  @Inject LlmRouter router;

  @POST
  @Path("chat")
  public String chat(@QueryParam("model") String model) {
    try {
      RoutedChat r = router.chat(ChatRequest.builder(model).user("Say hello").build(), CONTEXT);
      return Json.createObjectBuilder()
          .add("text", r.response().text())
          .add("provider", String.valueOf(r.provider()))
          .add("model", String.valueOf(r.model()))
          .add("attempts", r.attempts())
          .add("requestId", String.valueOf(r.requestId()))
          .add("outputTokens", r.response().usage().outputTokens())
          .add("router", router.getClass().getName())
          .build()
          .toString();
    } catch (ProviderException e) {
      return failure(e);
    }
  }

  @POST
  @Path("embed")
  public String embed(@QueryParam("model") String model) {
    try {
      EmbeddingResponse r =
          router.embed(
              new EmbeddingRequest(model, List.of("one", "two", "three"), null, null), CONTEXT);
      return Json.createObjectBuilder()
          .add("count", r.embeddings().size())
          .add("dimensions", r.embeddings().get(0).dimensions())
          .add("inputTokens", r.usage().inputTokens())
          .build()
          .toString();
    } catch (ProviderException e) {
      return failure(e);
    }
  }

  /** Streams, recording when stream() returned and when each text piece arrived. */
  @POST
  @Path("stream")
  public String stream(@QueryParam("model") String model) throws InterruptedException {
    Recorder recorder = new Recorder(System.nanoTime());
    router.stream(ChatRequest.builder(model).user("Say hello").build(), CONTEXT, recorder);
    long returned = recorder.sinceStart();
    recorder.ended.await(60, TimeUnit.SECONDS);
    return recorder.summary().add("returnedMs", returned).build().toString();
  }

  /** Streams, cancels after the first piece, and reports what reached the listener afterwards. */
  @POST
  @Path("cancel")
  public String cancel(@QueryParam("model") String model) throws InterruptedException {
    Recorder recorder = new Recorder(System.nanoTime());
    ChatStream stream =
        router.stream(ChatRequest.builder(model).user("Say hello").build(), CONTEXT, recorder);
    recorder.first.await(30, TimeUnit.SECONDS);
    long before = System.nanoTime();
    stream.cancel();
    long cancelMs = (System.nanoTime() - before) / 1_000_000;
    int piecesAtCancel = recorder.arrivals.size();
    long readerStoppedMs = -1;
    for (long waited = 0; waited < 3000; waited += 20) {
      if (!readerRunning()) {
        readerStoppedMs = waited;
        break;
      }
      Thread.sleep(20);
    }
    Thread.sleep(450); // three more token intervals of the slow provider
    return recorder
        .summary()
        .add("cancelMs", cancelMs)
        .add("piecesAtCancel", piecesAtCancel)
        .add("readerStoppedMs", readerStoppedMs)
        .build()
        .toString();
  }

  /** Whether the client's stream worker is still inside a stream, reading its connection. */
  private static boolean readerRunning() {
    return Thread.getAllStackTraces().values().stream()
        .flatMap(java.util.Arrays::stream)
        .anyMatch(
            f ->
                f.getClassName().equals("dev.switchboard.client.RemoteStream")
                    && f.getMethodName().equals("run"));
  }

  private static String failure(ProviderException e) {
    return Json.createObjectBuilder()
        .add("error", e.category().name())
        .add("status", e.httpStatus())
        .add("code", e.providerCode().orElse(""))
        .build()
        .toString();
  }

  /** A listener that writes down what it receives and when. */
  private static final class Recorder implements ChatStreamListener {
    final long start;
    final List<Long> arrivals = new CopyOnWriteArrayList<>();
    final StringBuffer text = new StringBuffer();
    final CountDownLatch first = new CountDownLatch(1);
    final CountDownLatch ended = new CountDownLatch(1);
    final List<String> endings = new CopyOnWriteArrayList<>();
    volatile long totalTokens = -1;
    volatile String error = "";

    Recorder(long start) {
      this.start = start;
    }

    long sinceStart() {
      return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public void onEvent(StreamEvent event) {
      if (event instanceof StreamEvent.TextDelta t) {
        arrivals.add(sinceStart());
        text.append(t.text());
        first.countDown();
      }
    }

    @Override
    public void onComplete(Usage usage) {
      totalTokens = usage.totalTokens();
      end("complete");
    }

    @Override
    public void onError(ProviderException e, Usage usageSoFar) {
      error = e.category().name();
      end("error");
    }

    @Override
    public void onCancelled(Usage usageSoFar) {
      end("cancelled");
    }

    private void end(String how) {
      endings.add(how);
      first.countDown();
      ended.countDown();
    }

    JsonObjectBuilder summary() {
      JsonArrayBuilder times = Json.createArrayBuilder();
      arrivals.forEach(times::add);
      JsonArrayBuilder ends = Json.createArrayBuilder();
      endings.forEach(ends::add);
      return Json.createObjectBuilder()
          .add("arrivalsMs", times)
          .add("text", text.toString())
          .add("endings", ends)
          .add("totalTokens", totalTokens)
          .add("error", error);
    }
  }
}
