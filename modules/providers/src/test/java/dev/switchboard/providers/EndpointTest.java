package dev.switchboard.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.providers.net.AddressPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointTest {

  @Test
  void toStringNeverShowsTheKeyOrHeaderValues() {
    Endpoint e =
        Endpoint.builder("openai")
            .apiKey("sk-canary-0123456789")
            .extraHeaders(Map.of("X-Tenant-Token", "header-secret-42"))
            .build();

    assertThat(e.toString())
        .doesNotContain("sk-canary-0123456789")
        .doesNotContain("header-secret-42")
        .contains("X-Tenant-Token")
        .contains("****");
  }

  @Test
  void endpointIsPublicOnlyUnlessGivenAnAllowListAndSaysSo() {
    Endpoint plain = Endpoint.builder("openai").build();
    Endpoint local =
        Endpoint.builder("ollama")
            .addressPolicy(AddressPolicy.defaults().withAllowed("localhost"))
            .build();

    assertThat(plain.addressPolicy()).isEqualTo(AddressPolicy.defaults());
    assertThat(plain.toString()).contains("network=public-only");
    assertThat(local.toString()).contains("network=public+[localhost]");
  }

  @Test
  void timeoutsMustBePositive() {
    assertThatThrownBy(
            () ->
                Endpoint.builder("openai")
                    .timeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void azureDefaultsItsApiVersion() {
    Endpoint e = Endpoint.builder("azure-openai").azure("res", "dep", null).build();
    assertThat(e.azure().apiVersion()).isEqualTo(Endpoint.Azure.DEFAULT_API_VERSION);
  }
}
