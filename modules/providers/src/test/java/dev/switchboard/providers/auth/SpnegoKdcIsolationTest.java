package dev.switchboard.providers.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM has one Kerberos configuration, but profiles must not reach each other's KDCs: two real
 * Kerby KDCs serve realms of the same name with keys of their own (a ticket of one is worthless at
 * the other), and a third "KDC" accepts connections and never answers.
 */
class SpnegoKdcIsolationTest {

  @TempDir static Path dir;
  private static KerberosRealm first;
  private static KerberosRealm second;

  @BeforeAll
  static void start() throws Exception {
    first = new KerberosRealm(Files.createDirectory(dir.resolve("first")));
    second = new KerberosRealm(Files.createDirectory(dir.resolve("second")));
  }

  @AfterAll
  static void stop() throws Exception {
    first.close();
    second.close();
  }

  private static SpnegoAuth profile(KerberosRealm realm) {
    return new SpnegoAuth(
        new SpnegoAuth.Settings(
            KerberosRealm.CLIENT, realm.clientKeytab(), null, KerberosRealm.REALM, realm.kdc()),
        SpnegoAuthTest.LOCAL);
  }

  private static final URI OTHER_SERVICE = URI.create("http://" + KerberosRealm.OTHER_HOST + "/");

  @Test
  void twoProfilesOfOneRealmNameEachTalkToTheirOwnKdc() {
    SpnegoAuth a = profile(first);
    SpnegoAuth b = profile(second);

    // a logs in at the first KDC, then b at the second (the realm's entry now names the second)
    assertThat(a.headers(URI.create(first.url()))).containsKey("Authorization");
    assertThat(b.headers(URI.create(second.url()))).containsKey("Authorization");
    // a's next service ticket (a TGS exchange with its kept login) must go to the first KDC again
    assertThat(a.headers(OTHER_SERVICE).get("Authorization")).startsWith("Negotiate ");
    assertThat(b.headers(OTHER_SERVICE).get("Authorization")).startsWith("Negotiate ");
    assertThat(KerberosConfig.shared().idle()).isTrue();
  }

  @Test
  void concurrentLoginsOfTwoProfilesOfOneRealmNameNeverCross() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (KerberosRealm realm : List.of(first, second, first, second)) {
        runs.add(
            pool.submit(
                () -> {
                  SpnegoAuth auth = profile(realm);
                  for (int i = 0; i < 4; i++) {
                    try {
                      auth.renewAfterUnauthorized();
                      auth.headers(URI.create(realm.url()));
                      auth.headers(OTHER_SERVICE);
                    } catch (RuntimeException e) {
                      failures.add(e);
                    }
                  }
                }));
      }
      for (Future<?> run : runs) {
        run.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(failures).isEmpty();
    assertThat(KerberosConfig.shared().idle()).isTrue();
  }

  @Test
  void aKdcThatNeverAnswersFailsWithinTheBoundAndDoesNotHoldUpOtherProfiles() throws Exception {
    try (SilentKdc silent = new SilentKdc()) {
      SpnegoAuth stuck =
          new SpnegoAuth(
              new SpnegoAuth.Settings(
                  "svc@SILENT.TEST", null, "pw-unused-1", "SILENT.TEST", silent.address()),
              SpnegoAuthTest.LOCAL,
              Duration.ofSeconds(3));
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        long started = System.nanoTime();
        Future<?> login = pool.submit(() -> stuck.headers(URI.create(first.url())));
        assertThat(silent.connected.await(10, TimeUnit.SECONDS)).isTrue();

        // meanwhile another profile (another realm) logs in and authenticates a call
        SpnegoAuth other = profile(first);
        assertThat(other.headers(URI.create(first.url()))).containsKey("Authorization");
        assertThat(login.isDone()).as("the silent KDC's login is still waiting").isFalse();

        assertThatThrownBy(() -> login.get(15, TimeUnit.SECONDS))
            .hasCauseInstanceOf(ProviderException.class)
            .cause()
            .satisfies(
                e -> {
                  ProviderException p = (ProviderException) e;
                  assertThat(p.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
                  assertThat(p.providerCode()).hasValue("kdc_unreachable");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .isLessThan(Duration.ofSeconds(10));
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(KerberosConfig.shared().idle()).isTrue();
  }

  /** Accepts TCP connections on loopback, reads what comes, never answers. */
  private static final class SilentKdc implements AutoCloseable {
    final CountDownLatch connected = new CountDownLatch(1);
    private final ServerSocket socket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    SilentKdc() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      Thread t =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try {
                    accepted.add(socket.accept());
                    connected.countDown();
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "silent-kdc");
      t.setDaemon(true);
      t.start();
    }

    String address() {
      return "127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : accepted) {
        s.close();
      }
    }
  }
}
