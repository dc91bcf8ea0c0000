package dev.switchboard.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.UsageSource;
import dev.switchboard.providers.auth.StaticAuth;
import dev.switchboard.providers.byo.ByoAdapter;
import dev.switchboard.providers.byo.ByoWire;
import dev.switchboard.providers.byo.JsonPath;
import dev.switchboard.providers.byo.RequestTemplate;
import dev.switchboard.providers.byo.ResponseMapping;
import dev.switchboard.providers.byo.StreamMapping;
import dev.switchboard.simulator.Simulator;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bring-your-own endpoints against the simulator's {@code /custom} shape, through the adapter. */
class CustomEndpointTest {

  static final String TEMPLATE =
      """
      {"input":"{{prompt}}","params":{"max_tokens":"{{max_tokens}}","temperature":"{{temperature}}"},
       "stream":"{{stream}}","tenant":"{{env.TENANT}}"}
      """;

  static final ResponseMapping MAPPED =
      new ResponseMapping(
          JsonPath.parse("$.output.text"),
          JsonPath.parse("$.output.stop"),
          JsonPath.parse("$.meta.tokens_in"),
          JsonPath.parse("$.meta.tokens_out"));

  static final StreamMapping SSE =
      new StreamMapping(
          StreamMapping.Format.SSE,
          JsonPath.parse("$.delta.text"),
          JsonPath.parse("$.stop"),
          JsonPath.parse("$.meta.tokens_in"),
          JsonPath.parse("$.meta.tokens_out"));

  private static Simulator sim;
  private final ByoAdapter adapter = new ByoAdapter();

  @BeforeAll
  static void start() {
    sim = SimulatedProviders.simulator();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static Endpoint.Builder endpoint(String path, ResponseMapping response, StreamMapping stream) {
    return endpointAt(sim, path, response, stream)
        .auth(StaticAuth.apiKey("X-API-Key", SimulatedProviders.KEY));
  }

  /** A custom endpoint on a simulator, mapped and streaming as SSE, with no credential yet. */
  static Endpoint.Builder endpointAt(Simulator simulator, String path) {
    return endpointAt(simulator, path, MAPPED, SSE);
  }

  static Endpoint.Builder endpointAt(
      Simulator simulator, String path, ResponseMapping response, StreamMapping stream) {
    return SimulatedProviders.onLoopback(ByoAdapter.ID)
        .baseUrl(simulator.baseUrl() + "/custom" + path)
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(20))
        .byo(
            new ByoWire(
                RequestTemplate.parse(TEMPLATE), response, stream, Map.of("env.TENANT", "acme")));
  }

  @Test
  void chatRendersTheTemplateAndMapsTextFinishAndTokens() {
    ChatResponse reply =
        adapter.chat(endpoint("/generate", MAPPED, null).build(), SimulatedProviders.hello());

    assertThat(reply.text()).isEqualTo(SimulatedProviders.EIGHT_TOKENS);
    assertThat(reply.finishReason()).isEqualTo(FinishReason.STOP);
    // "Say hello": 2 words, counted by the simulator from the rendered "input"
    assertThat(reply.usage().inputTokens()).isEqualTo(2);
    assertThat(reply.usage().outputTokens()).isEqualTo(8);
    assertThat(reply.usage().source()).isEqualTo(UsageSource.MAPPED);
  }

  @Test
  void quotesAndNewlinesInThePromptArriveIntact() {
    String prompt = "a \"quoted\" word,\n} {\"x\": 1} \\ \u00e9";
    ResponseMapping echo = new ResponseMapping(JsonPath.parse("$.output.echo"), null, null, null);
    ChatResponse reply =
        adapter.chat(
            endpoint("/generate", echo, null).build(),
            ChatRequest.builder("m").user(prompt).build());
    assertThat(reply.text()).isEqualTo(prompt);
  }

  @Test
  void maxTokensReachesTheEndpointAndItsFinishReasonIsMapped() {
    ChatResponse reply =
        adapter.chat(
            endpoint("/generate", MAPPED, null).build(),
            ChatRequest.builder("m").user("Say hello").maxOutputTokens(3).build());
    assertThat(reply.usage().outputTokens()).isEqualTo(3);
    assertThat(reply.finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void withoutTokenKeysUsageIsEstimated() {
    ResponseMapping textOnly =
        new ResponseMapping(JsonPath.parse("$.output.text"), null, null, null);
    ChatResponse reply =
        adapter.chat(endpoint("/generate", textOnly, null).build(), SimulatedProviders.hello());
    assertThat(textOnly.tracksUsage()).isFalse();
    assertThat(reply.usage().source()).isEqualTo(UsageSource.ESTIMATED);
    assertThat(reply.usage().outputTokens()).isPositive();
  }

  @Test
  void aTextPathThatFindsNothingIsAProtocolErrorNotAnEmptyReply() {
    ResponseMapping wrong = new ResponseMapping(JsonPath.parse("$.output.txt"), null, null, null);
    assertThatThrownBy(
            () ->
                adapter.chat(
                    endpoint("/generate", wrong, null).build(), SimulatedProviders.hello()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.UPSTREAM_PROTOCOL));
  }

  @Test
  void aRefusedCredentialIsAnAuthenticationErrorThatDoesNotShowIt() {
    Endpoint wrong =
        endpoint("/generate", MAPPED, null).auth(StaticAuth.bearer("not-the-key-1234")).build();
    assertThatThrownBy(() -> adapter.chat(wrong, SimulatedProviders.hello()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
              assertThat(e.httpStatus()).isEqualTo(401);
              assertThat(e.getMessage()).doesNotContain("not-the-key-1234");
            });
  }

  @Test
  void sseStreamDeliversDeltasAndTheMappedFinalUsage() throws Exception {
    RecordingListener listener = new RecordingListener();
    adapter.stream(
        endpoint("/generate", MAPPED, SSE).build(), SimulatedProviders.hello(), listener);

    assertThat(listener.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("complete");
    assertThat(listener.text()).isEqualTo(SimulatedProviders.EIGHT_TOKENS);
    assertThat(listener.usage.inputTokens()).isEqualTo(2);
    assertThat(listener.usage.outputTokens()).isEqualTo(8);
    assertThat(listener.usage.source()).isEqualTo(UsageSource.MAPPED);
    assertThat(listener.events)
        .extracting(RecordingListener.Timed::event)
        .contains(new StreamEvent.Finish(FinishReason.STOP));
  }

  @Test
  void ndjsonStreamEndsOnTheFinishReasonWithoutADoneMarker() throws Exception {
    StreamMapping ndjson =
        new StreamMapping(
            StreamMapping.Format.NDJSON,
            SSE.delta(),
            SSE.finishReason(),
            SSE.inputTokens(),
            SSE.outputTokens());
    RecordingListener listener = new RecordingListener();
    adapter.stream(
        endpoint("/generate-ndjson", MAPPED, ndjson).build(), SimulatedProviders.hello(), listener);

    assertThat(listener.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("complete");
    assertThat(listener.text()).isEqualTo(SimulatedProviders.EIGHT_TOKENS);
    assertThat(listener.usage.outputTokens()).isEqualTo(8);
    assertThat(listener.usage.source()).isEqualTo(UsageSource.MAPPED);
  }

  @Test
  void anErrorEventMidStreamFailsTheStreamWithTheUsageSoFarIncomplete() throws Exception {
    sim.enqueueFault("custom", "stream-error-after=3");
    RecordingListener listener = new RecordingListener();
    adapter.stream(
        endpoint("/generate", MAPPED, SSE).build(), SimulatedProviders.hello(), listener);

    assertThat(listener.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("error");
    assertThat(listener.error.getMessage()).contains("generation failed");
    assertThat(listener.usage.source()).isIn(UsageSource.ESTIMATED, UsageSource.INCOMPLETE);
  }

  @Test
  void anEndpointWithoutStreamingRefusesAStreamBeforeAnyCall() throws Exception {
    long before = sim.requestCount("custom");
    RecordingListener listener = new RecordingListener();
    adapter.stream(
        endpoint("/generate", MAPPED, null).build(), SimulatedProviders.hello(), listener);
    assertThat(listener.outcome.get(5, TimeUnit.SECONDS)).isEqualTo("error");
    assertThat(listener.error.category()).isEqualTo(ErrorCategory.BAD_REQUEST);
    assertThat(sim.requestCount("custom")).isEqualTo(before);
  }

  @Test
  void theNetworkGuardAppliesToCustomEndpoints() {
    Endpoint guarded =
        endpoint("/generate", MAPPED, null)
            .addressPolicy(dev.switchboard.providers.net.AddressPolicy.defaults())
            .build();
    assertThatThrownBy(() -> adapter.chat(guarded, SimulatedProviders.hello()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e ->
                assertThat(e.providerCode())
                    .contains(dev.switchboard.providers.net.AddressPolicy.CODE));
  }
}
