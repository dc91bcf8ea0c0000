package dev.switchboard.integrations.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.error.ProviderException;
import dev.switchboard.providers.auth.RequestAuth;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The kept clients are bounded and never outlive their profile version. The clients here are a
 * recording stand-in for the OAuth 2.0 and Kerberos clients (whose own close is tested in the
 * providers module): what counts is which one the cache hands out, and when it closes them.
 */
class ProfileClientsTest {

  private static final URI TARGET = URI.create("https://llm.example.com/v1");

  /** Says which secret it was built with, and whether it was closed. */
  private static final class Recording implements RequestAuth {
    final String secret;
    boolean closed;

    Recording(String secret) {
      this.secret = secret;
    }

    @Override
    public Map<String, String> headers(URI target) {
      return Map.of("Authorization", "Bearer " + secret + (closed ? "-after-close" : ""));
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private final AtomicLong clock = new AtomicLong();
  private final List<Recording> built = new ArrayList<>();
  private final ProfileClients clients = new ProfileClients(3, Duration.ofMinutes(30), clock::get);

  private RequestAuth handle(String profile, long version, String secret) {
    return clients.handle(
        profile,
        version,
        profile + ":" + version + ":" + secret,
        () -> {
          Recording r = new Recording(secret);
          built.add(r);
          return r;
        });
  }

  @Test
  void afterTheSecretChangedTheOldClientIsClosedAndItsHandleRefused() {
    RequestAuth before = handle("p1", 1, "old-secret");
    assertThat(before.headers(TARGET)).containsValue("Bearer old-secret");

    RequestAuth after = handle("p1", 2, "new-secret");
    assertThat(after.headers(TARGET)).containsValue("Bearer new-secret");

    assertThat(built.get(0).closed).isTrue();
    assertThatThrownBy(() -> before.headers(TARGET))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.providerCode()).hasValue("auth_profile_changed"));
    assertThat(built).hasSize(2);
    assertThat(clients.size()).isEqualTo(1);
  }

  @Test
  void aChangeSeenInTheDatabaseDropsTheOldVersionAndRefusesItsHandles() {
    RequestAuth v1 = handle("p1", 1, "s1");
    v1.headers(TARGET);
    handle("p2", 4, "s2").headers(TARGET);

    // another server changed p1 (now version 2) and deleted p2
    clients.current(Map.of("p1", 2L));

    assertThat(built).allMatch(r -> r.closed);
    assertThat(clients.size()).isZero();
    assertThatThrownBy(() -> v1.headers(TARGET)).isInstanceOf(ProviderException.class);
  }

  @Test
  void theCacheNeverKeepsMoreThanItsBoundAndClosesWhatItDrops() {
    List<RequestAuth> handles = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      RequestAuth h = handle("p" + i, 1, "s" + i);
      h.headers(TARGET);
      handles.add(h);
      assertThat(clients.size()).isLessThanOrEqualTo(3);
    }
    assertThat(built.subList(0, 7)).allMatch(r -> r.closed);
    assertThat(built.subList(7, 10)).noneMatch(r -> r.closed);

    // a dropped profile's handle still works: a fresh client, the bound still holds
    assertThat(handles.get(0).headers(TARGET)).containsValue("Bearer s0");
    assertThat(built).hasSize(11);
    assertThat(clients.size()).isEqualTo(3);
  }

  @Test
  void anIdleClientIsDroppedAndClosed() {
    RequestAuth h = handle("p1", 1, "s1");
    h.headers(TARGET);
    clock.addAndGet(Duration.ofMinutes(31).toNanos());

    handle("p2", 1, "s2").headers(TARGET);

    assertThat(built.get(0).closed).isTrue();
    assertThat(clients.size()).isEqualTo(1);
  }

  @Test
  void aProfileWhoseVariablesResolveDifferentlyKeepsOnlyItsNewClient() {
    handle("p1", 1, "value-a").headers(TARGET);
    handle("p1", 1, "value-b").headers(TARGET);

    assertThat(built.get(0).closed).isTrue();
    assertThat(clients.size()).isEqualTo(1);
  }

  @Test
  void forgettingAProfileClosesItsClient() {
    handle("p1", 1, "s1").headers(TARGET);

    clients.forget("p1");

    assertThat(built.get(0).closed).isTrue();
    assertThat(clients.size()).isZero();
  }
}
