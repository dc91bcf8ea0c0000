package dev.switchboard.providers;

import static dev.switchboard.providers.SimulatedProviders.EIGHT_TOKENS;
import static dev.switchboard.providers.SimulatedProviders.KEY;
import static dev.switchboard.providers.SimulatedProviders.LOOPBACK;
import static dev.switchboard.providers.SimulatedProviders.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.providers.auth.StaticAuth;
import dev.switchboard.simulator.Simulator;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Admin-added OpenAI-compatible providers: served by the OpenAI adapter from their base URL. */
class CustomProviderTest {

  @Test
  void aCustomProviderChatsThroughTheOpenAiAdapterAtItsBaseUrl() {
    try (Simulator sim = SimulatedProviders.simulator()) {
      ProviderAdapter openai = ProviderRegistry.load().find("openai").orElseThrow().adapter();
      Endpoint endpoint =
          Endpoint.builder("custom-acme-llm")
              .baseUrl(sim.baseUrl() + "/vllm/v1")
              .apiKey(KEY)
              .addressPolicy(LOOPBACK)
              .build();

      ChatResponse r = openai.chat(endpoint, hello());

      assertThat(r.text()).isEqualTo(EIGHT_TOKENS);
      assertThat(sim.requestCount("vllm")).isEqualTo(1);
    }
  }

  @Test
  void anAuthProfileReplacesTheKeyHeaderOfACustomProvider() {
    try (Simulator sim = SimulatedProviders.simulator()) {
      ProviderAdapter openai = ProviderRegistry.load().find("openai").orElseThrow().adapter();
      Endpoint.Builder b =
          Endpoint.builder("custom-acme-llm")
              .baseUrl(sim.baseUrl() + "/vllm/v1")
              .addressPolicy(LOOPBACK);

      Endpoint profileWins = b.apiKey("stale-key-0000").auth(StaticAuth.bearer(KEY)).build();
      assertThat(openai.chat(profileWins, hello()).text()).isEqualTo(EIGHT_TOKENS);

      Endpoint keyNotSent = b.apiKey(KEY).auth(StaticAuth.apiKey("X-Other", "x")).build();
      assertThatThrownBy(() -> openai.chat(keyNotSent, hello()))
          .isInstanceOfSatisfying(
              ProviderException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
    }
  }

  @Test
  void onlyWellFormedCustomIdsAreServedAndTheyNeedABaseUrl() {
    ProviderAdapter openai = ProviderRegistry.load().find("openai").orElseThrow().adapter();

    assertThatThrownBy(() -> openai.chat(Endpoint.builder("acme").apiKey(KEY).build(), hello()))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("does not serve provider acme");
    assertThatThrownBy(
            () -> openai.chat(Endpoint.builder("custom-acme").apiKey(KEY).build(), hello()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("custom-acme has no default base URL");
    assertThat(ProviderDescriptor.isCustom("custom-Acme")).isFalse();
    assertThat(
            ProviderDescriptor.custom("custom-acme", "Acme", URI.create("http://h/v1"), false)
                .family())
        .isEqualTo("openai");
  }
}
