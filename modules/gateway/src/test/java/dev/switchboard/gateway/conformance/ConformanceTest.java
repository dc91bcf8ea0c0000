package dev.switchboard.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.RoutedChat;
import dev.switchboard.gateway.anthropic.MessagesDoor;
import dev.switchboard.gateway.openai.ChatCompletionsDoor;
import dev.switchboard.gateway.openai.SseRelay;
import dev.switchboard.gateway.responses.ResponsesDoor;
import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.ProviderRegistry;
import dev.switchboard.providers.net.AddressPolicy;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance suite: every door (Chat Completions, Messages, Responses) x every provider family
 * in the suite x every scenario, each call run through the door's real translation classes, the
 * family's real adapter and the simulator over HTTP, and written as a {@link Transcript} compared
 * with the golden one committed under {@code src/test/resources/conformance/<door>/<family>/}. The
 * requests are {@code conformance/requests/<door>/<scenario>.json}, {@code {{model}}} standing for
 * the family's model. Regenerate with {@code -Dconformance.record=true} (see {@code docs/api.md}),
 * then review each changed transcript against the provider's wire before committing it.
 */
class ConformanceTest {

  /** Each family's model, as a caller names it on a door. */
  static final Map<String, String> MODELS =
      Map.of(
          "openai", "openai/gpt-4o-mini",
          "anthropic", "anthropic/claude-haiku-4-5",
          "gemini", "gemini/gemini-2.5-flash",
          "bedrock", "bedrock/anthropic.claude-3-5-haiku-20241022-v1:0");

  static final List<String> FAMILIES = List.of("openai", "anthropic", "gemini", "bedrock");

  /** A scenario and the simulator fault it needs on the family, if any. */
  enum Scenario {
    PLAIN(null),
    PLAIN_STREAM(null),
    TOOL_CALL(null),
    TOOL_CALL_STREAM(null),
    TOOL_RESULT(null),
    PARALLEL_TOOL_CALLS(null),
    PARALLEL_TOOL_CALLS_STREAM(null),
    PARALLEL_TOOL_RESULTS(null),
    ERROR_BEFORE_FIRST_TOKEN("status=429"),
    ERROR_MID_STREAM("stream-error-after=3");

    final String fault;

    Scenario(String fault) {
      this.fault = fault;
    }

    String file() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  static final List<Door> DOORS =
      List.of(new ChatCompletionsDoor(), new MessagesDoor(), new ResponsesDoor());

  static Simulator sim;
  static DirectRouter router;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorOptions.defaults());
    for (String family : FAMILIES) {
      String model = MODELS.get(family);
      sim.addModels(family, model.substring(model.indexOf('/') + 1));
    }
    ProviderRegistry registry = ProviderRegistry.load();
    Map<String, DirectRouter.Deployment> deployments = new LinkedHashMap<>();
    for (String family : FAMILIES) {
      deployments.put(
          family,
          new DirectRouter.Deployment(
              registry.find(family).orElseThrow().adapter(), endpoint(family)));
    }
    router = new DirectRouter(deployments);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  /**
   * The simulator lives on loopback, which the network guard refuses by default: allowed here
   * explicitly, as an admin would.
   */
  static Endpoint endpoint(String family) {
    String base = sim.baseUrl() + "/" + family;
    Endpoint.Builder b =
        Endpoint.builder(family)
            .addressPolicy(AddressPolicy.defaults().withAllowed("127.0.0.1/32"))
            .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(20));
    SimulatorOptions.Aws aws = SimulatorOptions.Aws.DEFAULTS;
    return switch (family) {
      case "openai" -> b.baseUrl(base + "/v1").apiKey(SimulatorOptions.DEFAULT_API_KEY).build();
      case "bedrock" ->
          b.baseUrl(base)
              .apiKey(aws.secretAccessKey())
              .aws(Endpoint.Aws.keys("us-east-1", aws.accessKeyId()))
              .build();
      default -> b.baseUrl(base).apiKey(SimulatorOptions.DEFAULT_API_KEY).build();
    };
  }

  @TestFactory
  Stream<DynamicTest> everyDoorSpeaksEveryFamilysWireAsItsGoldenTranscriptSays() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Door door : DOORS) {
      for (String family : FAMILIES) {
        for (Scenario scenario : Scenario.values()) {
          tests.add(
              DynamicTest.dynamicTest(
                  door.name() + " x " + family + ": " + scenario.file(),
                  () -> run(door, family, scenario)));
        }
      }
    }
    return tests.stream();
  }

  private static void run(Door door, String family, Scenario scenario) throws IOException {
    String request =
        Goldens.read(Path.of("requests", door.name(), scenario.file() + ".json"))
            .replace("{{model}}", MODELS.get(family));
    byte[] body = request.getBytes(StandardCharsets.UTF_8);
    Transcript transcript = new Transcript(door.name(), family, scenario.file());
    transcript.request(door.path(), body);
    sim.clearRequests();
    if (scenario.fault != null) {
      sim.setScenario(family, scenario.fault); // every attempt, if an SDK retries on its own
    }
    try {
      call(door, door.parse(body), transcript);
    } finally {
      sim.clearScenarios();
    }
    String text = transcript.toString();
    assertThat(text).contains("## answer: ");
    Goldens.check(Path.of(door.name(), family, scenario.file() + ".txt"), text);
  }

  private static Map<String, String> headers(Door.Parsed parsed, Door.Answer a) {
    Map<String, String> all = new LinkedHashMap<>(parsed.headers());
    all.putAll(a.headers());
    return all;
  }

  /** What the resource does: route, then write the answer, the stream, or the failure. */
  private static void call(Door door, Door.Parsed parsed, Transcript transcript)
      throws IOException {
    CallContext context = CallContext.of("conformance", "apikey:conformance");
    if (!parsed.stream()) {
      try {
        RoutedChat r = router.chat(parsed.chat(), context);
        transcript.upstream(sim.requests());
        transcript.answer(200, parsed.headers(), door.reply(parsed, r.response()));
      } catch (ProviderException e) {
        transcript.upstream(sim.requests());
        Door.Answer a = door.failure(e);
        transcript.answer(a.status(), headers(parsed, a), a.body());
      }
      return;
    }
    SseRelay relay;
    try {
      relay =
          SseRelay.start(
              router, parsed.chat(), context, door.framing(parsed), Duration.ofSeconds(20));
    } catch (ProviderException e) {
      transcript.upstream(sim.requests());
      Door.Answer a = door.failure(e);
      transcript.answer(a.status(), headers(parsed, a), a.body());
      return;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    relay.write(out);
    transcript.upstream(sim.requests());
    transcript.stream(parsed.headers(), out.toByteArray());
  }
}
