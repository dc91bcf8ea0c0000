package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.gateway.startup.StartupMigration;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deploys the real start-up migration and platform library (with every real migration) plus one
 * broken script to the running server, and shows the application does not start and the log names
 * the script. The database is left as it was: both databases roll the failed script back.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrokenMigrationArquillianIT {

  private static final String BROKEN = "V9999__deliberately_broken.sql";

  @ArquillianResource Deployer deployer;

  @Deployment(name = "broken-migration", managed = false)
  static WebArchive deployment() {
    WebArchive war =
        ShrinkWrap.create(WebArchive.class, "broken-migration-it.war")
            .addClass(StartupMigration.class)
            .addAsResource("broken-migration/" + BROKEN, "db/migration/common/" + BROKEN)
            // Flyway scans only the class path folders that hold this marker (STACK.md, trap 3).
            .addAsResource(EmptyAsset.INSTANCE, "db/migration/common/flyway.location")
            .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    return TestArchives.withPlatform(war);
  }

  @Test
  void aFailedMigrationStopsTheStartAndTheLogSaysWhichScriptFailed() throws Exception {
    try {
      assertThatThrownBy(() -> deployer.deploy("broken-migration")).isNotNull();

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(SwitchboardServer.messagesLog())
                      .containsPattern(
                          "Switchboard cannot start\\. Database migration failed on "
                              + SwitchboardServer.EXPECTED_DATABASE
                                  .replace("(", "\\(")
                                  .replace(")", "\\)")
                              + ": .*"
                              + BROKEN.replace(".", "\\."))
                      .contains(
                          "CWWKZ0002E: An exception occurred while starting the application"
                              + " broken-migration-it"));
    } finally {
      deployer.undeploy("broken-migration");
    }
    // The running application's schema is where it was: the failed script was rolled back.
    assertThat(SwitchboardServer.get(SwitchboardServer.client(), "/health/ready").body())
        .contains("\"migrationVersion\":\"" + SwitchboardServer.latestMigrationVersion() + "\"");
  }
}
