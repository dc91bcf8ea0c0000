package dev.switchboard.simulator;

import dev.switchboard.simulator.anthropic.AnthropicFamily;
import dev.switchboard.simulator.aws.AwsAccount;
import dev.switchboard.simulator.aws.StsFamily;
import dev.switchboard.simulator.azure.AzureFamily;
import dev.switchboard.simulator.bedrock.BedrockFamily;
import dev.switchboard.simulator.cohere.CohereFamily;
import dev.switchboard.simulator.custom.CustomFamily;
import dev.switchboard.simulator.custom.OAuthTokens;
import dev.switchboard.simulator.gemini.GeminiFamily;
import dev.switchboard.simulator.http.Server;
import dev.switchboard.simulator.ollama.OllamaFamily;
import dev.switchboard.simulator.openai.OpenAiFamily;
import dev.switchboard.simulator.wire.Family;
import dev.switchboard.simulator.wire.FaultSpec;
import dev.switchboard.simulator.wire.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A local stand-in for every LLM provider Switchboard talks to, one HTTP server with each provider
 * family under its own prefix ({@code /openai}, {@code /azure}, {@code /anthropic}, {@code
 * /gemini}, {@code /cohere}, {@code /ollama}, {@code /custom} (a bring-your-own shape), {@code
 * /bedrock} and {@code /sts} (SigV4), and the OpenAI-compatible ones). Point an SDK at {@code
 * baseUrl() + "/<family>"}; see {@code docs/simulator.md} for paths, the deterministic reply and
 * the fault language.
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

  private final Server server;
  private final InetSocketAddress address;
  private final Router router;
  private final CustomFamily custom = new CustomFamily();
  private final AwsAccount aws;

  private Simulator(SimulatorOptions options) {
    this.aws = new AwsAccount(options.aws(), Clock.systemUTC());
    List<Family> families = defaultFamilies(aws);
    families.add(custom);
    this.router = new Router(options, families);
    this.address = new InetSocketAddress(options.bindAddress(), options.port());
    try {
      server = new Server(address, options.threads(), SimulatorOptions.MAX_THREADS, router);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + options.bindAddress(), e);
    }
  }

  private static List<Family> defaultFamilies(AwsAccount aws) {
    List<Family> families = new ArrayList<>();
    families.add(new OpenAiFamily("openai", true, OpenAiFamily.catalog("openai")));
    families.add(new AzureFamily());
    families.add(new AnthropicFamily());
    families.add(new GeminiFamily());
    families.add(new CohereFamily());
    families.add(new OllamaFamily());
    families.add(new BedrockFamily(aws));
    families.add(new StsFamily(aws));
    for (String name : OPENAI_COMPATIBLE) {
      families.add(new OpenAiFamily(name, true, OpenAiFamily.catalog(name)));
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
    return server.port();
  }

  /** {@code http://<bind address>:<port>}, without a trailing slash. */
  public String baseUrl() {
    return "http://" + address.getHostString() + ":" + port();
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

  /**
   * The OAuth 2.0 token endpoint under {@code /custom/oauth2/token}: its client, the lifetime of
   * the tokens it issues, how many it issued, and expiring them all at once.
   */
  public OAuthTokens oauthTokens() {
    return custom.tokens();
  }

  /** Requests received by a family since start, whatever their outcome. */
  public long requestCount(String family) {
    return router.requestCount(family);
  }

  /**
   * The last requests received (at most {@value
   * dev.switchboard.simulator.wire.RequestLog#CAPACITY}, older ones are dropped), oldest first,
   * whatever their outcome: method, path, every header field and the body, as the client sent them.
   */
  public List<ReceivedRequest> requests() {
    return router.log().snapshot();
  }

  /** {@link #requests()} addressed to one family. */
  public List<ReceivedRequest> requests(String family) {
    List<ReceivedRequest> all = router.log().snapshot();
    return all.stream().filter(r -> r.family().equals(family)).toList();
  }

  /** Forgets the requests received so far ({@link #requestCount} is not reset). */
  public void clearRequests() {
    router.log().clear();
  }

  /**
   * Serves these model ids in a family too, as if the account had access to them. Each family knows
   * its provider's well-known models; any other name gets the provider's 404 (OpenAI {@code
   * model_not_found}), as the real API answers it.
   *
   * @throws IllegalArgumentException for an unknown family or a blank id
   */
  public Simulator addModels(String family, String... modelIds) {
    router.addModels(family, List.of(modelIds));
    return this;
  }

  /** Every STS {@code AssumeRole} the {@code sts} family answered, oldest first. */
  public List<AwsSession> awsSessions() {
    return aws.sessions();
  }

  /** Stops at once: open connections (streams, hangs, drips) are dropped. */
  @Override
  public void close() {
    server.close();
  }
}
