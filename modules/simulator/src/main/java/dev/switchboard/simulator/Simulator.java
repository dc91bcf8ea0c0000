package dev.switchboard.simulator;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.simulator.anthropic.AnthropicFamily;
import dev.switchboard.simulator.azure.AzureFamily;
import dev.switchboard.simulator.cohere.CohereFamily;
import dev.switchboard.simulator.gemini.GeminiFamily;
import dev.switchboard.simulator.ollama.OllamaFamily;
import dev.switchboard.simulator.openai.OpenAiFamily;
import dev.switchboard.simulator.wire.Family;
import dev.switchboard.simulator.wire.FaultSpec;
import dev.switchboard.simulator.wire.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for every LLM provider Switchboard talks to, one HTTP server with each provider
 * family under its own prefix ({@code /openai}, {@code /azure}, {@code /anthropic}, {@code
 * /gemini}, {@code /cohere}, {@code /ollama}, and the OpenAI-compatible ones). Point an SDK at
 * {@code baseUrl() + "/<family>"}; see {@code docs/simulator.md} for paths, the deterministic reply
 * and the fault language.
 */
public final class Simulator implements AutoCloseable {

  /** The OpenAI-compatible providers served by the OpenAI handler under their own prefix. */
  public static final List<String> OPENAI_COMPATIBLE =
      List.of(
          "mistral",
          "groq",
          "together",
          "deepseek",
          "xai",
          "fireworks",
          "openrouter",
          "perplexity",
          "cerebras",
          "vllm",
          "lmstudio",
          "llamacpp");

  static {
    // Streams are many small writes: without TCP_NODELAY, Nagle holds each one back until the
    // previous is acknowledged. Read once, when the JDK server's configuration is first loaded.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final Router router;

  private Simulator(SimulatorOptions options) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads =
        r -> {
          Thread t = new Thread(r, "simulator-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.executor =
        new ThreadPoolExecutor(
            options.threads(),
            SimulatorOptions.MAX_THREADS,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            threads,
            new ThreadPoolExecutor.CallerRunsPolicy());
    this.router = new Router(options, defaultFamilies(), executor);
    try {
      server = HttpServer.create(new InetSocketAddress(options.bindAddress(), options.port()), 128);
    } catch (IOException e) {
      executor.shutdown();
      throw new UncheckedIOException("cannot listen on " + options.bindAddress(), e);
    }
    server.createContext("/", router);
    // null: plain requests are answered on the server's own dispatcher thread (no hand-off);
    // the router passes streams and faults to the worker pool.
    server.setExecutor(null);
    server.start();
  }

  private static List<Family> defaultFamilies() {
    List<Family> families = new ArrayList<>();
    families.add(new OpenAiFamily("openai", true));
    families.add(new AzureFamily());
    families.add(new AnthropicFamily());
    families.add(new GeminiFamily());
    families.add(new CohereFamily());
    families.add(new OllamaFamily());
    for (String name : OPENAI_COMPATIBLE) {
      families.add(new OpenAiFamily(name, true));
    }
    return families;
  }

  /** Starts on a random free port of 127.0.0.1 with the default options. */
  public static Simulator start() {
    return start(SimulatorOptions.defaults());
  }

  public static Simulator start(SimulatorOptions options) {
    return new Simulator(options);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://<bind address>:<port>}, without a trailing slash. */
  public String baseUrl() {
    return "http://" + server.getAddress().getHostString() + ":" + port();
  }

  /** The families served (URL prefixes), for {@code --help} and diagnostics. */
  public List<String> families() {
    return router.familyNames();
  }

  /**
   * Applies a fault to the next request of a family (FIFO). The spec is checked now.
   *
   * @throws IllegalArgumentException for an unknown family or a malformed spec
   */
  public void enqueueFault(String family, String faultSpec) {
    router.enqueueFault(family, FaultSpec.parse(faultSpec));
  }

  /** Applies a fault to every request of a family until {@link #clearScenarios()}. */
  public void setScenario(String family, String faultSpec) {
    router.setScenario(family, FaultSpec.parse(faultSpec));
  }

  public void clearScenarios() {
    router.clearScenarios();
  }

  /** Requests received by a family since start, whatever their outcome. */
  public long requestCount(String family) {
    return router.requestCount(family);
  }

  /** Stops at once: open connections (streams, hangs, drips) are dropped. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
