package dev.switchboard.providers.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.byo.ByoAdapter;
import dev.switchboard.providers.byo.ByoWire;
import dev.switchboard.providers.byo.JsonPath;
import dev.switchboard.providers.byo.RequestTemplate;
import dev.switchboard.providers.byo.ResponseMapping;
import dev.switchboard.providers.net.AddressPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPNEGO for real: an embedded Kerby KDC issues the tickets and the endpoint validates each
 * Negotiate token with JGSS and the service keytab.
 */
class SpnegoAuthTest {

  /** The guard of these tests: the KDCs and endpoints live on loopback. */
  static final AddressPolicy LOCAL =
      AddressPolicy.defaults().withAllowed("localhost", "127.0.0.1/32");

  @TempDir static Path dir;
  private static KerberosRealm realm;
  private final ByoAdapter adapter = new ByoAdapter();

  @BeforeAll
  static void start() throws Exception {
    realm = new KerberosRealm(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    realm.close();
  }

  private Endpoint endpoint(String url, RequestAuth auth) {
    return Endpoint.builder(ByoAdapter.ID)
        .addressPolicy(LOCAL)
        .baseUrl(url)
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30))
        .auth(auth)
        .byo(
            new ByoWire(
                RequestTemplate.parse("{\"input\":\"{{prompt}}\"}"),
                new ResponseMapping(
                    JsonPath.parse("$.output.text"),
                    JsonPath.parse("$.output.stop"),
                    JsonPath.parse("$.meta.tokens_in"),
                    JsonPath.parse("$.meta.tokens_out")),
                null,
                Map.of()))
        .build();
  }

  private static ChatRequest hello() {
    return ChatRequest.builder("kerberized").user("Say hello").build();
  }

  private static SpnegoAuth.Settings keytab() {
    return new SpnegoAuth.Settings(
        KerberosRealm.CLIENT, realm.clientKeytab(), null, KerberosRealm.REALM, realm.kdc());
  }

  @Test
  void aKeytabLoginAuthenticatesTheCallAndTheServerSeesThePrincipal() {
    SpnegoAuth auth = new SpnegoAuth(keytab(), LOCAL);

    String text = adapter.chat(endpoint(realm.url(), auth), hello()).text();

    assertThat(text).isEqualTo("hello " + KerberosRealm.CLIENT);
    assertThat(realm.acceptedClients()).contains(KerberosRealm.CLIENT);
  }

  @Test
  void aPasswordLoginAuthenticatesAndALoginServesManyCalls() {
    SpnegoAuth auth =
        new SpnegoAuth(
            new SpnegoAuth.Settings(
                "svc-switchboard",
                null,
                KerberosRealm.CLIENT_PASSWORD,
                KerberosRealm.REALM,
                realm.kdc()),
            LOCAL);
    int before = realm.acceptedClients().size();

    adapter.chat(endpoint(realm.url(), auth), hello());
    adapter.chat(endpoint(realm.url(), auth), hello());

    assertThat(realm.acceptedClients().size() - before).isEqualTo(2);
  }

  @Test
  void aWrongPasswordFailsTheLoginBeforeAnyCallAndDoesNotShowIt() {
    SpnegoAuth auth =
        new SpnegoAuth(
            new SpnegoAuth.Settings(
                KerberosRealm.CLIENT, null, "wrong-pw-1234", KerberosRealm.REALM, realm.kdc()),
            LOCAL);
    int before = realm.acceptedClients().size();

    assertThatThrownBy(() -> adapter.chat(endpoint(realm.url(), auth), hello()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
              assertThat(e.getMessage()).contains("Kerberos login").doesNotContain("wrong-pw-1234");
            });
    assertThat(realm.acceptedClients()).hasSize(before);
  }

  @Test
  void theServiceIsNamedAfterTheEndpointHost() {
    // HTTP/127.0.0.1 is not a principal of the realm: the KDC refuses a ticket for it
    SpnegoAuth auth = new SpnegoAuth(keytab(), LOCAL);
    assertThatThrownBy(() -> adapter.chat(endpoint(realm.urlByAddress(), auth), hello()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
              assertThat(e.getMessage()).contains("HTTP/127.0.0.1@" + KerberosRealm.REALM);
            });
  }

  @Test
  void withoutANegotiateTokenTheEndpointRefusesTheCall() {
    assertThatThrownBy(
            () -> adapter.chat(endpoint(realm.url(), StaticAuth.bearer("not-kerberos")), hello()))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
  }

  @Test
  void aKdcAtAForbiddenAddressIsRefusedBeforeAnyExchange() {
    // the guard of a server with no allow-list: loopback (the KDC's address) is refused
    SpnegoAuth local = new SpnegoAuth(keytab(), AddressPolicy.defaults());
    SpnegoAuth metadata =
        new SpnegoAuth(
            new SpnegoAuth.Settings(
                KerberosRealm.CLIENT,
                null,
                KerberosRealm.CLIENT_PASSWORD,
                KerberosRealm.REALM,
                "169.254.169.254:88"),
            LOCAL);

    for (SpnegoAuth auth : new SpnegoAuth[] {local, metadata}) {
      assertThatThrownBy(() -> auth.headers(java.net.URI.create(realm.url())))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.category()).isEqualTo(ErrorCategory.BAD_REQUEST);
                assertThat(e.providerCode()).hasValue(AddressPolicy.CODE);
                assertThat(e.getMessage()).contains("KDC").contains("not allowed");
              });
      assertThat(auth.kept()).isNull();
    }
  }

  @Test
  void aProfileWithoutAKdcIsRefusedWhenTheServerHasNoKerberosConfigurationOfItsOwn() {
    SpnegoAuth auth =
        new SpnegoAuth(
            new SpnegoAuth.Settings(
                KerberosRealm.CLIENT, realm.clientKeytab(), null, KerberosRealm.REALM, null),
            LOCAL);

    assertThatThrownBy(() -> auth.headers(java.net.URI.create(realm.url())))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.getMessage()).contains("names no KDC"));
  }

  @Test
  void closingDestroysTheKeptTicketsAndALaterCallKeepsNothing() {
    SpnegoAuth auth = new SpnegoAuth(keytab(), LOCAL);
    adapter.chat(endpoint(realm.url(), auth), hello());
    var tickets =
        java.util.List.copyOf(
            auth.kept().getPrivateCredentials(javax.security.auth.kerberos.KerberosTicket.class));
    assertThat(tickets)
        .isNotEmpty()
        .noneMatch(javax.security.auth.kerberos.KerberosTicket::isDestroyed);

    auth.close();

    assertThat(tickets).allMatch(javax.security.auth.kerberos.KerberosTicket::isDestroyed);
    assertThat(auth.kept()).isNull();
    assertThat(adapter.chat(endpoint(realm.url(), auth), hello()).text())
        .isEqualTo("hello " + KerberosRealm.CLIENT);
    assertThat(auth.kept()).isNull();
  }
}
