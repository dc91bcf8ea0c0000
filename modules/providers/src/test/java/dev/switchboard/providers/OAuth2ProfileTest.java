package dev.switchboard.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.providers.auth.OAuth2ClientCredentials;
import dev.switchboard.providers.byo.ByoAdapter;
import dev.switchboard.providers.net.AddressPolicy;
import dev.switchboard.providers.transport.HttpTransport;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.custom.OAuthTokens;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OAuth 2.0 client credentials against the simulator's real token endpoint, which checks the client
 * id and secret and issues tokens that expire; its custom endpoint accepts only unexpired tokens.
 */
class OAuth2ProfileTest {

  private Simulator sim;
  private final ByoAdapter adapter = new ByoAdapter();
  private final MovableClock clock = new MovableClock();

  @BeforeEach
  void start() {
    sim = SimulatedProviders.simulator();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private OAuth2ClientCredentials client(String secret, AddressPolicy policy) {
    return new OAuth2ClientCredentials(
        new OAuth2ClientCredentials.Settings(
            URI.create(sim.baseUrl() + "/custom/oauth2/token"),
            OAuthTokens.CLIENT_ID,
            secret,
            "llm.generate",
            null),
        policy,
        HttpTransport.shared(),
        clock);
  }

  private Endpoint endpoint(OAuth2ClientCredentials auth, String path) {
    return CustomEndpointTest.endpointAt(sim, path).auth(auth).build();
  }

  @Test
  void aFetchedTokenAuthenticatesAndIsReusedWhileFresh() {
    OAuth2ClientCredentials auth = client(SimulatedProviders.KEY, SimulatedProviders.LOOPBACK);
    Endpoint endpoint = endpoint(auth, "/generate");

    adapter.chat(endpoint, SimulatedProviders.hello());
    adapter.chat(endpoint, SimulatedProviders.hello());

    assertThat(sim.oauthTokens().issuedCount()).isEqualTo(1);
  }

  @Test
  void aTokenIsRenewedShortlyBeforeItExpires() {
    sim.oauthTokens().lifetime(Duration.ofSeconds(100));
    OAuth2ClientCredentials auth = client(SimulatedProviders.KEY, SimulatedProviders.LOOPBACK);
    Endpoint endpoint = endpoint(auth, "/generate");
    adapter.chat(endpoint, SimulatedProviders.hello());

    clock.advance(Duration.ofSeconds(85)); // still valid, not yet in the last tenth
    adapter.chat(endpoint, SimulatedProviders.hello());
    assertThat(sim.oauthTokens().issuedCount()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(6)); // 91 s of 100: within the renewal margin
    adapter.chat(endpoint, SimulatedProviders.hello());
    assertThat(sim.oauthTokens().issuedCount()).isEqualTo(2);
  }

  @Test
  void aTokenTheServerNoLongerAcceptsIsRenewedOnceAfterThe401() {
    OAuth2ClientCredentials auth = client(SimulatedProviders.KEY, SimulatedProviders.LOOPBACK);
    Endpoint endpoint = endpoint(auth, "/generate");
    adapter.chat(endpoint, SimulatedProviders.hello());
    long calls = sim.requestCount("custom");

    sim.oauthTokens().expireAll(); // the client still thinks its token is fresh
    assertThat(adapter.chat(endpoint, SimulatedProviders.hello()).text()).isNotEmpty();

    assertThat(sim.oauthTokens().issuedCount()).isEqualTo(2);
    // the refused call, the token request, the repeated call
    assertThat(sim.requestCount("custom") - calls).isEqualTo(3);
  }

  @Test
  void aStreamRefusedWith401BeforeAnyEventIsRestartedWithAFreshToken() throws Exception {
    OAuth2ClientCredentials auth = client(SimulatedProviders.KEY, SimulatedProviders.LOOPBACK);
    Endpoint endpoint = endpoint(auth, "/generate");
    adapter.chat(endpoint, SimulatedProviders.hello());
    sim.oauthTokens().expireAll();

    RecordingListener listener = new RecordingListener();
    adapter.stream(endpoint, SimulatedProviders.hello(), listener);

    assertThat(listener.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("complete");
    assertThat(listener.text()).isEqualTo(SimulatedProviders.EIGHT_TOKENS);
    assertThat(listener.terminalCalls).isEqualTo(1);
    assertThat(sim.oauthTokens().issuedCount()).isEqualTo(2);
  }

  @Test
  void aWrongClientSecretIsAnAuthenticationErrorThatDoesNotShowTheSecret() {
    OAuth2ClientCredentials auth = client("wrong-secret-5678", SimulatedProviders.LOOPBACK);
    assertThatThrownBy(() -> adapter.chat(endpoint(auth, "/generate"), SimulatedProviders.hello()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
              assertThat(e.providerCode()).contains("invalid_client");
              assertThat(e.getMessage()).doesNotContain("wrong-secret-5678");
            });
    assertThat(sim.oauthTokens().issuedCount()).isZero();
    // one token request, not retried as if the model endpoint had refused a stale token
    assertThat(sim.requestCount("custom")).isEqualTo(1);
  }

  @Test
  void theTokenEndpointIsUnderTheNetworkGuard() {
    OAuth2ClientCredentials auth = client(SimulatedProviders.KEY, AddressPolicy.defaults());
    assertThatThrownBy(() -> adapter.chat(endpoint(auth, "/generate"), SimulatedProviders.hello()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.providerCode()).contains(AddressPolicy.CODE));
    assertThat(sim.requestCount("custom")).isZero();
  }

  /** A clock tests move forward, so token renewal needs no waiting. */
  static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
