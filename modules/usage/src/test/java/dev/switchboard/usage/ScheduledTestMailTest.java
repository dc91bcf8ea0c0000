package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.switchboard.integrations.ConnectionTestView;
import dev.switchboard.integrations.IntegrationStatus;
import dev.switchboard.integrations.ScheduledStatus;
import dev.switchboard.platform.database.DatabaseKind;
import dev.switchboard.providers.catalog.ModelCatalog;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 11: the mail of scheduled connection tests, on real Derby and a real SMTP server.
 * Each run is what {@link ScheduledConnectionTests#runNow} does for one integration: the status as
 * {@link ScheduledStatus} decides, then the one notice the change is worth.
 */
class ScheduledTestMailTest {

  private static final String ID = "int-scheduled";

  @TempDir Path tmp;
  private GreenMail smtp;
  private UsageEngine engine;
  private final List<ConnectionTestView> history = new ArrayList<>();
  private IntegrationStatus status = IntegrationStatus.ACTIVE;

  @BeforeEach
  void setUp() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    engine =
        new UsageEngine(
            Calls.settings(tmp.resolve("j"), "a", smtp.getSmtp().getPort()),
            TestDatabases.migratedDerby(),
            DatabaseKind.DERBY,
            Clock.systemUTC(),
            id -> id,
            ModelCatalog.builtIn());
  }

  @AfterEach
  void tearDown() throws Exception {
    engine.close();
    smtp.stop();
  }

  @Test
  void oneFailingRunSendsOneMailAndWarnsARecoverySendsOne() throws Exception {
    assertThat(run("RATE_LIMITED")).isEqualTo(IntegrationStatus.WARNING);
    assertThat(subjects())
        .containsExactly("Switchboard: Search " + "started failing its connection test");
    assertThat(body(0)).contains("RATE_LIMITED").contains("stays in its routes (status WARNING)");

    assertThat(run("TIMEOUT")).isEqualTo(IntegrationStatus.WARNING);
    assertThat(subjects()).as("still failing: no second mail").hasSize(1);

    assertThat(run(null)).isEqualTo(IntegrationStatus.ACTIVE);
    assertThat(run(null)).isEqualTo(IntegrationStatus.ACTIVE);
    assertThat(subjects())
        .containsExactly(
            "Switchboard: Search started failing its connection test",
            "Switchboard: Search passes its connection test again");
  }

  @Test
  void threeHardFailuresTakeItOutOfRoutingWithOneMoreMail() throws Exception {
    assertThat(run("AUTHENTICATION")).isEqualTo(IntegrationStatus.WARNING);
    assertThat(run("AUTHENTICATION")).isEqualTo(IntegrationStatus.WARNING);
    assertThat(run("AUTHENTICATION")).isEqualTo(IntegrationStatus.ERROR);
    assertThat(run("AUTHENTICATION")).isEqualTo(IntegrationStatus.ERROR);

    assertThat(subjects())
        .containsExactly(
            "Switchboard: Search started failing its connection test",
            "Switchboard: Search was taken out of routing");
    assertThat(body(1)).contains("out of every route (status ERROR)");
  }

  /** One scheduled run: status, then the notice, then the mail dispatch. */
  private IntegrationStatus run(String category) throws Exception {
    boolean ok = category == null;
    ConnectionTestView t =
        new ConnectionTestView(
            Instant.now(), "system", ok, true, ok, ok, "gpt-4o-mini", null, 5, category, "said no");
    history.add(0, t);
    IntegrationStatus before = status;
    status = ScheduledStatus.next(before, history, 3);
    var notice = ScheduledConnectionTests.notice(before, status);
    if (notice.isPresent()) {
      ScheduledConnectionTests.notifyOwner(
          engine, ID, "Search", "owner@example.test", notice.get(), t, status, Instant.now());
    }
    engine.dispatchMail();
    return status;
  }

  private List<String> subjects() throws Exception {
    return Arrays.stream(smtp.getReceivedMessages())
        .map(
            m -> {
              try {
                return m.getSubject();
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  private String body(int i) throws Exception {
    MimeMessage m = smtp.getReceivedMessages()[i];
    return (String) m.getContent();
  }
}
