package dev.switchboard.providers;

import static dev.switchboard.providers.SimulatedProviders.KEY;
import static dev.switchboard.providers.SimulatedProviders.adapter;
import static dev.switchboard.providers.SimulatedProviders.endpoint;
import static dev.switchboard.providers.SimulatedProviders.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.UsageSource;
import dev.switchboard.simulator.Simulator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The byte cap, the redirect rule, header hygiene and where the credential travels. */
class TransportSafetyTest {

  private static Simulator sim;
  private static RedirectingProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    sim = SimulatedProviders.simulator();
    proxy = new RedirectingProxy(sim.baseUrl());
  }

  @AfterAll
  static void stop() {
    proxy.close();
    sim.close();
  }

  @Test
  void responseLargerThanTheCapIsRefused() {
    Endpoint endpoint =
        endpoint(sim, "openai")
            .maxResponseBytes(4096)
            .extraHeaders(Map.of("X-Sim-Tokens", "3000"))
            .build();

    ProviderException e = failure("openai", endpoint);

    assertThat(e.category()).isEqualTo(ErrorCategory.UPSTREAM_PROTOCOL);
    assertThat(e.providerCode()).contains("response_too_large");
  }

  @Test
  void streamLargerThanTheCapIsCutWithTheUsageSoFar() throws Exception {
    Endpoint endpoint =
        endpoint(sim, "gemini")
            .maxResponseBytes(8192)
            .extraHeaders(Map.of("X-Sim-Tokens", "3000"))
            .build();
    RecordingListener listener = new RecordingListener();

    adapter("gemini").stream(endpoint, hello(), listener);

    assertThat(listener.await()).isEqualTo("error");
    assertThat(listener.error.providerCode()).contains("response_too_large");
    assertThat(listener.text()).isNotEmpty();
    assertThat(listener.usage.source()).isEqualTo(UsageSource.INCOMPLETE);
  }

  @Test
  void redirectToAnotherHostIsNotFollowedAndTheKeyIsNotSentThere() {
    long before = sim.requestCount("openai");
    Endpoint endpoint =
        SimulatedProviders.onLoopback("openai")
            .baseUrl(proxy.baseUrl() + "/cross/openai/v1")
            .apiKey(KEY)
            .build();

    ProviderException e = failure("openai", endpoint);

    assertThat(e.category()).isEqualTo(ErrorCategory.UPSTREAM_PROTOCOL);
    assertThat(e.providerCode()).contains("cross_host_redirect");
    assertThat(sim.requestCount("openai")).isEqualTo(before);
  }

  @Test
  void redirectOnTheSameHostIsFollowed() {
    Endpoint endpoint =
        SimulatedProviders.onLoopback("openai")
            .baseUrl(proxy.baseUrl() + "/hop/openai/v1")
            .apiKey(KEY)
            .build();

    ChatResponse r = adapter("openai").chat(endpoint, hello());

    assertThat(r.text()).isEqualTo(SimulatedProviders.EIGHT_TOKENS);
    assertThat(proxy.seen)
        .extracting(s -> s.uri().getPath())
        .contains("/hop/openai/v1/chat/completions", "/openai/v1/chat/completions");
  }

  @Test
  void redirectThatWouldTurnAPostIntoAGetIsNotFollowed() {
    long before = sim.requestCount("openai");
    Endpoint endpoint =
        SimulatedProviders.onLoopback("openai")
            .baseUrl(proxy.baseUrl() + "/found/openai/v1")
            .apiKey(KEY)
            .build();

    ProviderException e = failure("openai", endpoint);

    assertThat(e.category()).isEqualTo(ErrorCategory.UPSTREAM_PROTOCOL);
    assertThat(e.providerCode()).contains("unexpected_redirect");
    assertThat(sim.requestCount("openai")).isEqualTo(before);
  }

  @Test
  void headerWithALineBreakIsRefusedBeforeAnyRequest() {
    long before = sim.requestCount("openai");
    Endpoint endpoint =
        endpoint(sim, "openai")
            .extraHeaders(Map.of("X-Team", "blue\r\nX-Injected: sneaky-value"))
            .build();

    ProviderException e = failure("openai", endpoint);

    assertThat(e.category()).isEqualTo(ErrorCategory.BAD_REQUEST);
    assertThat(e.providerCode()).contains("invalid_header");
    assertThat(e.getMessage()).contains("X-Team").doesNotContain("sneaky-value");
    assertThat(sim.requestCount("openai")).isEqualTo(before);
  }

  @Test
  void framingHeadersCannotBeSetThroughExtraHeaders() {
    for (String name : new String[] {"Host", "Content-Length", "Transfer-Encoding"}) {
      Endpoint endpoint = endpoint(sim, "openai").extraHeaders(Map.of(name, "1")).build();
      assertThat(failure("openai", endpoint).providerCode()).as(name).contains("invalid_header");
    }
  }

  @Test
  void geminiKeyTravelsInAHeaderNeverInTheUrl() {
    Endpoint endpoint =
        SimulatedProviders.onLoopback("gemini")
            .baseUrl(proxy.baseUrl() + "/gemini")
            .apiKey(KEY)
            .build();

    adapter("gemini").chat(endpoint, hello());

    RedirectingProxy.Seen seen = proxy.seen.get(proxy.seen.size() - 1);
    assertThat(String.valueOf(seen.uri().getRawQuery())).doesNotContain(KEY);
    assertThat(seen.uri().toString()).doesNotContain("key=");
    assertThat(seen.headers().get("X-goog-api-key")).containsExactly(KEY);
  }

  @Test
  void eachFamilySendsItsCredentialHeaderAndVersion() {
    Map<String, String> expected =
        Map.of(
            "openai", "Authorization",
            "anthropic", "X-api-key",
            "cohere", "Authorization");
    expected.forEach(
        (provider, header) -> {
          Endpoint endpoint =
              SimulatedProviders.onLoopback(provider)
                  .baseUrl(
                      proxy.baseUrl() + "/" + provider + (provider.equals("openai") ? "/v1" : ""))
                  .apiKey(KEY)
                  .organization(provider.equals("openai") ? "org-42" : null)
                  .build();
          adapter(provider).chat(endpoint, hello());
          RedirectingProxy.Seen seen = proxy.seen.get(proxy.seen.size() - 1);
          assertThat(seen.headers().get(header)).as(provider).isNotNull();
          if (provider.equals("anthropic")) {
            assertThat(seen.headers().get("Anthropic-version")).containsExactly("2023-06-01");
          }
          if (provider.equals("openai")) {
            assertThat(seen.headers().get("Openai-organization")).containsExactly("org-42");
          }
        });
  }

  private static ProviderException failure(String provider, Endpoint endpoint) {
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class, () -> adapter(provider).chat(endpoint, hello()));
    assertThat(e).isNotNull();
    return e;
  }
}
