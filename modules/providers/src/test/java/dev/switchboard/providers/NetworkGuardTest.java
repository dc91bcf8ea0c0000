package dev.switchboard.providers;

import static dev.switchboard.providers.SimulatedProviders.KEY;
import static dev.switchboard.providers.SimulatedProviders.LOOPBACK;
import static dev.switchboard.providers.SimulatedProviders.adapter;
import static dev.switchboard.providers.SimulatedProviders.endpoint;
import static dev.switchboard.providers.SimulatedProviders.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.providers.net.AddressPolicy;
import dev.switchboard.providers.net.StagedDns;
import dev.switchboard.simulator.Simulator;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The network guard end to end (RELIABILITY item 20): refusals happen before any connection, the
 * address checked is the address connected to, and a redirect is checked again.
 */
class NetworkGuardTest {

  private static Simulator sim;
  private static RedirectingProxy proxy;
  private static int proxyPort;

  @BeforeAll
  static void start() throws Exception {
    sim = SimulatedProviders.simulator();
    proxy = new RedirectingProxy(sim.baseUrl());
    proxyPort = java.net.URI.create(proxy.baseUrl()).getPort();
  }

  @AfterAll
  static void stop() {
    proxy.close();
    sim.close();
  }

  @Test
  void allowListedLoopbackReachesTheSimulator() {
    assertThat(adapter("openai").chat(endpoint(sim, "openai").build(), hello()).text())
        .isEqualTo(SimulatedProviders.EIGHT_TOKENS);
  }

  @Test
  void loopbackThatIsNotAllowListedIsRefusedBeforeAnyConnection() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      Endpoint endpoint =
          Endpoint.builder("openai")
              .baseUrl("http://127.0.0.1:" + listener.getLocalPort() + "/v1")
              .apiKey(KEY)
              .build();

      ProviderException e = refusal("openai", endpoint);

      assertThat(e.getMessage()).contains("'127.0.0.1'").contains("loopback").doesNotContain(KEY);
      listener.setSoTimeout(300);
      assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void simulatorUnderTheDefaultPolicyReceivesNoRequest() {
    Endpoint endpoint = endpoint(sim, "anthropic").addressPolicy(AddressPolicy.defaults()).build();

    refusal("anthropic", endpoint);

    assertThat(sim.requestCount("anthropic")).isZero();
  }

  @Test
  void refusedStreamEndsWithTheRefusalOnTheListener() throws Exception {
    Endpoint endpoint = endpoint(sim, "ollama").addressPolicy(AddressPolicy.defaults()).build();
    RecordingListener listener = new RecordingListener();

    adapter("ollama").stream(endpoint, hello(), listener);

    assertThat(listener.await()).isEqualTo("error");
    assertThat(listener.error.category()).isEqualTo(ErrorCategory.BAD_REQUEST);
    assertThat(listener.error.providerCode()).contains(AddressPolicy.CODE);
    assertThat(sim.requestCount("ollama")).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "http://169.254.169.254/latest/meta-data",
        "http://[::ffff:169.254.169.254]/v1",
        "http://2130706433/v1",
        "http://0x7f.1/v1",
        "http://0177.0.0.1/v1",
        "http://127.1/v1",
        "http://localhost/v1",
        "http://metadata.google.internal/computeMetadata/v1",
        "http://[fe80::1]/v1",
        "http://[fd00::1]/v1",
        "file:///etc/passwd",
        "gopher://127.0.0.1:6379/_INFO",
        "ftp://example.com/v1",
        "http://user:pass@api.openai.com/v1",
        "http:///v1",
      })
  void ssrfBaseUrlIsRefusedEvenWithTheSimulatorAllowed(String baseUrl) {
    long before = sim.requestCount("openai");
    Endpoint endpoint =
        Endpoint.builder("openai").baseUrl(baseUrl).apiKey(KEY).addressPolicy(LOOPBACK).build();

    ProviderException e = refusal("openai", endpoint);

    assertThat(e.providerId()).isEqualTo("openai");
    assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("pass@");
    assertThat(sim.requestCount("openai")).isEqualTo(before);
  }

  @Test
  void callGoesToTheCheckedAddressWithTheOriginalHostHeader() {
    StagedDns dns = new StagedDns().answer("sim.switchboard.test", "127.0.0.1");
    Endpoint endpoint =
        Endpoint.builder("openai")
            .baseUrl("http://sim.switchboard.test:" + proxyPort + "/openai/v1")
            .apiKey(KEY)
            .addressPolicy(dns.applyTo(LOOPBACK))
            .build();

    // the system resolver does not know this name: only the pinned address can answer
    assertThat(adapter("openai").chat(endpoint, hello()).text())
        .isEqualTo(SimulatedProviders.EIGHT_TOKENS);

    RedirectingProxy.Seen seen = proxy.seen.get(proxy.seen.size() - 1);
    assertThat(seen.headers().get("Host")).containsExactly("sim.switchboard.test:" + proxyPort);
    assertThat(dns.lookups("sim.switchboard.test")).isEqualTo(1);
  }

  @Test
  void nameRebindingToAPrivateAddressIsCaughtAtTheNextConnection() {
    StagedDns dns =
        new StagedDns()
            .answer("rebind.switchboard.test", "127.0.0.1")
            .answer("rebind.switchboard.test", "10.0.0.7");
    Endpoint endpoint =
        Endpoint.builder("openai")
            .baseUrl("http://rebind.switchboard.test:" + proxyPort + "/openai/v1")
            .apiKey(KEY)
            .addressPolicy(dns.applyTo(LOOPBACK))
            .build();

    adapter("openai").chat(endpoint, hello());
    ProviderException e = refusal("openai", endpoint);

    assertThat(e.getMessage()).contains("'rebind.switchboard.test' resolves to 10.0.0.7");
  }

  @Test
  void nameAnsweringAnAllowedAndAForbiddenAddressIsRefused() {
    long before = sim.requestCount("openai");
    StagedDns dns =
        new StagedDns().answer("mixed.switchboard.test", "127.0.0.1", "169.254.169.254");
    Endpoint endpoint =
        Endpoint.builder("openai")
            .baseUrl("http://mixed.switchboard.test:" + sim.port() + "/openai/v1")
            .addressPolicy(dns.applyTo(LOOPBACK))
            .build();

    assertThat(refusal("openai", endpoint).getMessage()).contains("cloud metadata");
    assertThat(sim.requestCount("openai")).isEqualTo(before);
  }

  @Test
  void sameHostRedirectIsResolvedAndCheckedAgainBeforeItIsFollowed() {
    long before = sim.requestCount("openai");
    StagedDns dns =
        new StagedDns()
            .answer("hop.switchboard.test", "127.0.0.1")
            .answer("hop.switchboard.test", "169.254.169.254");
    Endpoint endpoint =
        Endpoint.builder("openai")
            .baseUrl("http://hop.switchboard.test:" + proxyPort + "/hop/openai/v1")
            .apiKey(KEY)
            .addressPolicy(dns.applyTo(LOOPBACK))
            .build();

    ProviderException e = refusal("openai", endpoint);

    assertThat(e.getMessage()).contains("resolves to 169.254.169.254").contains("cloud metadata");
    assertThat(dns.lookups("hop.switchboard.test")).isEqualTo(2);
    assertThat(sim.requestCount("openai")).isEqualTo(before);
  }

  @Test
  void redirectToTheMetadataAddressIsNotFollowed() {
    int seenBefore = proxy.seen.size();
    Endpoint endpoint =
        SimulatedProviders.onLoopback("openai")
            .baseUrl(proxy.baseUrl() + "/metadata/openai/v1")
            .apiKey(KEY)
            .build();

    ProviderException e =
        catchThrowableOfType(
            ProviderException.class, () -> adapter("openai").chat(endpoint, hello()));

    assertThat(e.providerCode()).contains("cross_host_redirect");
    assertThat(proxy.seen).hasSize(seenBefore + 1);
  }

  private static ProviderException refusal(String provider, Endpoint endpoint) {
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class, () -> adapter(provider).chat(endpoint, hello()));
    assertThat(e).isNotNull();
    assertThat(e.category()).isEqualTo(ErrorCategory.BAD_REQUEST);
    assertThat(e.providerCode()).contains(AddressPolicy.CODE);
    return e;
  }
}
