package dev.switchboard.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.providers.Endpoint;
import java.net.URI;
import org.junit.jupiter.api.Test;

class KeyDestinationsTest {

  private static final URI OPENAI = URI.create("https://api.openai.com/v1");

  @Test
  void theBaseUrlsHostAndPortAreTheDestinationAndThePortIsTheSchemesWhenNoneIsWritten() {
    assertThat(KeyDestinations.of(URI.create("https://Proxy.Example.com/v1"), null, null, OPENAI))
        .containsExactly("proxy.example.com:443");
    assertThat(KeyDestinations.of(URI.create("http://127.0.0.1:8080/v1"), null, null, OPENAI))
        .containsExactly("127.0.0.1:8080");
    assertThat(KeyDestinations.of(null, null, null, OPENAI)).containsExactly("api.openai.com:443");
  }

  @Test
  void azureGoesToItsResourceAndBedrockToItsRuntimeAndStsHosts() {
    assertThat(KeyDestinations.of(null, "contoso", null, null))
        .containsExactly("contoso.openai.azure.com:443");
    Endpoint.Aws keys = Endpoint.Aws.keys("eu-west-1", "AKIA");
    assertThat(KeyDestinations.of(null, null, keys, null))
        .containsExactly("bedrock-runtime.eu-west-1.amazonaws.com:443");
    assertThat(
            KeyDestinations.of(
                null,
                null,
                keys.withRole("arn:aws:iam::1:role/r", URI.create("https://sts.example.net"), null),
                null))
        .containsExactly("bedrock-runtime.eu-west-1.amazonaws.com:443", "sts.example.net:443");
  }

  @Test
  void theStoredFormRoundTripsSortedAndEmptyIsNull() {
    String stored = KeyDestinations.format(java.util.Set.of("b.example:443", "a.example:443"));

    assertThat(stored).isEqualTo("a.example:443,b.example:443");
    assertThat(KeyDestinations.parse(stored)).containsExactly("a.example:443", "b.example:443");
    assertThat(KeyDestinations.format(java.util.Set.of())).isNull();
    assertThat(KeyDestinations.parse(null)).isEmpty();
  }
}
