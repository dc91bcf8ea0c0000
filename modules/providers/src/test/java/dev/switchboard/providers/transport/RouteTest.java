package dev.switchboard.providers.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.error.ProviderException;
import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.net.AddressPolicy;
import dev.switchboard.providers.net.StagedDns;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a request is really sent once its host is checked. */
class RouteTest {

  private static final String KEY = "sk-canary-route-0123456789";

  private final StagedDns dns =
      new StagedDns()
          .answer("api.example.com", "2606:4700::6810:1", "104.18.6.192")
          .answer("v4.example.com", "104.18.7.192");
  private final AddressPolicy policy = dns.applyTo(AddressPolicy.defaults());

  @Test
  void plainHttpGoesToTheCheckedLiteralWithTheOriginalHostAndPath() {
    Route r = Route.of(request("http://v4.example.com:8080/v1/chat?api-version=1"), true);

    assertThat(r.target()).hasToString("http://104.18.7.192:8080/v1/chat?api-version=1");
    assertThat(r.hostHeader()).isEqualTo("v4.example.com:8080");
    assertThat(r.tlsName()).isNull();
  }

  @Test
  void httpsToAnIpv6AnswerIsBracketedAndKeepsTheNameForTls() {
    Route r = Route.of(request("https://API.example.com./v1/models"), true);

    assertThat(r.target().getHost()).isEqualTo("[2606:4700:0:0:0:0:6810:1]");
    assertThat(r.target().getPath()).isEqualTo("/v1/models");
    assertThat(r.hostHeader()).isEqualTo("API.example.com.");
    assertThat(r.tlsName()).isEqualTo("api.example.com");
  }

  @Test
  void withoutPinningTheNameIsKeptButStillChecked() {
    Route r = Route.of(request("https://v4.example.com/v1"), false);

    assertThat(r.target()).hasToString("https://v4.example.com/v1");
    assertThat(r.hostHeader()).isNull();
    assertThat(dns.lookups("v4.example.com")).isEqualTo(1);
  }

  @Test
  void ipLiteralIsSentAsIsWithoutALookup() {
    Route r = Route.of(request("https://104.18.7.192/v1"), true);

    assertThat(r.target()).hasToString("https://104.18.7.192/v1");
    assertThat(r.tlsName()).isNull();
  }

  @Test
  void refusalIsAttributedToTheProviderAndMasksItsSecrets() {
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () -> Route.of(request("http://127.0.0.1/" + KEY + "/v1"), true));

    assertThat(e.providerId()).isEqualTo("openai");
    assertThat(e.providerCode()).contains(AddressPolicy.CODE);
    assertThat(e.getMessage()).contains("127.0.0.1").doesNotContain(KEY);
  }

  private TransportRequest request(String uri) {
    return new TransportRequest(
        "openai",
        "GET",
        URI.create(uri),
        Map.of("Authorization", "Bearer " + KEY),
        null,
        Endpoint.Timeouts.DEFAULTS,
        1024,
        List.of(KEY),
        e -> null,
        policy);
  }
}
