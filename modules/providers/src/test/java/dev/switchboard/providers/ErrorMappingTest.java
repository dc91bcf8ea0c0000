package dev.switchboard.providers;

import static dev.switchboard.providers.SimulatedProviders.adapter;
import static dev.switchboard.providers.SimulatedProviders.endpoint;
import static dev.switchboard.providers.SimulatedProviders.endpointWith;
import static dev.switchboard.providers.SimulatedProviders.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.simulator.Simulator;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every family's error statuses and bodies, as the simulator sends them, land in one category. */
class ErrorMappingTest {

  private static Simulator sim;

  @BeforeAll
  static void start() {
    sim = SimulatedProviders.simulator();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static Stream<String> families() {
    return SimulatedProviders.families();
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"openai", "azure-openai", "anthropic", "gemini", "cohere", "groq"})
  void wrongKeyIsAuthenticationAndTheKeyNeverAppears(String provider) {
    String canary = "sk-canary-7f3a9c1e5b2d4680";
    Endpoint endpoint = endpoint(sim, provider).apiKey(canary).build();

    ProviderException e = failure(provider, endpoint, hello());

    assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).doesNotContain(canary);
    assertThat(e.toString()).doesNotContain(canary);
    assertThat(endpoint.toString()).doesNotContain(canary);
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(canary);
    }
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource({
    "status=401, AUTHENTICATION, false",
    "status=403, PERMISSION, false",
    "status=400, BAD_REQUEST, false",
    "status=500, UNAVAILABLE, true",
    "status=503, UNAVAILABLE, true",
    "status=504, TIMEOUT, true",
    "html-502, UPSTREAM_PROTOCOL, true",
    "malformed, UPSTREAM_PROTOCOL, true",
    "status=429;should-retry=false, RATE_LIMITED, false"
  })
  void statusFaultsMapToTheirCategoryForEveryFamily(
      String fault, ErrorCategory category, boolean retryable) {
    families()
        .forEach(
            provider -> {
              ProviderException e =
                  failure(
                      provider, endpointWith(sim, provider, Map.of("X-Sim-Fault", fault)), hello());
              assertThat(e.category()).as(provider + " " + fault).isEqualTo(category);
              assertThat(e.retryable()).as(provider + " " + fault).isEqualTo(retryable);
            });
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("families")
  void htmlBadGatewayIsNeverEchoed(String provider) {
    ProviderException e =
        failure(provider, endpointWith(sim, provider, Map.of("X-Sim-Fault", "html-502")), hello());

    assertThat(e.httpStatus()).isEqualTo(502);
    assertThat(e.getMessage()).contains("text/html").doesNotContain("<").doesNotContain("nginx");
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("families")
  void rateLimitCarriesRetryAfterInSecondsMillisecondsOrAsADate(String provider) {
    assertThat(retryAfter(provider, "status=429;retry-after=2")).isEqualTo(Duration.ofSeconds(2));
    assertThat(retryAfter(provider, "status=429;retry-after-ms=1500"))
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(retryAfter(provider, "status=429;retry-after-date=30"))
        .isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31));
  }

  @org.junit.jupiter.api.Test
  void geminiRetryInfoInTheBodyGivesTheWaitWhenNoHeaderDoes() {
    ProviderException e =
        failure(
            "gemini", endpointWith(sim, "gemini", Map.of("X-Sim-Fault", "status=429")), hello());

    assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("families")
  void missingModelIsModelNotFound(String provider) {
    ProviderException e =
        failure(provider, endpoint(sim, provider, "missing-model").build(), hello("missing-model"));

    assertThat(e.category()).isEqualTo(ErrorCategory.MODEL_NOT_FOUND);
    assertThat(e.httpStatus()).isEqualTo(404);
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("families")
  void promptOverTheContextWindowIsContextLengthExceeded(String provider) {
    ChatRequest longPrompt = ChatRequest.builder("sim-tiny").user("word ".repeat(80)).build();

    ProviderException e =
        failure(provider, endpoint(sim, provider, "sim-tiny").build(), longPrompt);

    assertThat(e.category()).isEqualTo(ErrorCategory.CONTEXT_LENGTH_EXCEEDED);
    assertThat(e.retryable()).isFalse();
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource({
    "openai, status=429;code=insufficient_quota",
    "azure-openai, status=429;code=insufficient_quota",
    "anthropic, status=400;code=billing_error",
    "cohere, status=402"
  })
  void exhaustedQuotaIsNotRetryableEvenAsA429(String provider, String fault) {
    ProviderException e =
        failure(provider, endpointWith(sim, provider, Map.of("X-Sim-Fault", fault)), hello());

    assertThat(e.category()).isEqualTo(ErrorCategory.QUOTA_EXHAUSTED);
    assertThat(e.retryable()).isFalse();
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"anthropic"})
  void anthropicOverloaded529IsUnavailableAndRetryable(String provider) {
    ProviderException e =
        failure(
            provider, endpointWith(sim, provider, Map.of("X-Sim-Fault", "status=529")), hello());

    assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(e.retryable()).isTrue();
    assertThat(e.providerCode()).contains("overloaded_error");
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"openai", "azure-openai"})
  void contentFilterIsContentPolicy(String provider) {
    ProviderException e =
        failure(
            provider,
            endpointWith(sim, provider, Map.of("X-Sim-Fault", "status=400;code=content_filter")),
            hello());

    assertThat(e.category()).isEqualTo(ErrorCategory.CONTENT_POLICY);
  }

  private static Duration retryAfter(String provider, String fault) {
    ProviderException e =
        failure(provider, endpointWith(sim, provider, Map.of("X-Sim-Fault", fault)), hello());
    assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    return e.retryAfter().orElseThrow();
  }

  private static ProviderException failure(
      String provider, Endpoint endpoint, ChatRequest request) {
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class, () -> adapter(provider).chat(endpoint, request));
    assertThat(e).as("expected a ProviderException from " + provider).isNotNull();
    assertThat(e.providerId()).isEqualTo(provider);
    return e;
  }
}
