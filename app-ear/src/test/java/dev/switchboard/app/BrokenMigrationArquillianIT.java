package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.gateway.startup.StartupMigration;
import dev.switchboard.platform.database.Database;
import dev.switchboard.platform.database.DatabaseKind;
import dev.switchboard.platform.database.DatabaseMigrations;
import dev.switchboard.platform.database.MigrationFailedException;
import dev.switchboard.platform.database.MigrationReport;
import dev.switchboard.platform.security.Account;
import dev.switchboard.platform.security.AccountRepository;
import dev.switchboard.platform.security.AdminAccountBootstrap;
import dev.switchboard.platform.security.PasswordHashing;
import dev.switchboard.platform.security.Roles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
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
 * Deploys the real start-up migration with every real migration plus one broken script to the
 * running server, and shows the application does not start and the log names the script. The
 * database is left as it was: both databases roll the failed script back.
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
            .addClasses(
                StartupMigration.class,
                Database.class,
                DatabaseKind.class,
                DatabaseMigrations.class,
                MigrationFailedException.class,
                MigrationReport.class,
                AdminAccountBootstrap.class,
                AccountRepository.class,
                Account.class,
                PasswordHashing.class,
                Roles.class)
            .addAsResource("META-INF/persistence.xml")
            .addAsResource(EmptyAsset.INSTANCE, "db/callback/flyway.location")
            .addAsResource("broken-migration/" + BROKEN, "db/migration/common/" + BROKEN)
            .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    Path migrations = Path.of(System.getProperty("user.dir")).resolve("../db/migration");
    try (Stream<Path> files = Files.walk(migrations)) {
      files
          .filter(Files::isRegularFile)
          .forEach(
              f ->
                  war.addAsResource(
                      f.toFile(),
                      "db/migration/" + migrations.relativize(f).toString().replace('\\', '/')));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Flyway and its database plugins, as the EAR's lib/ has them.
    Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .map(Path::of)
        .filter(p -> p.getFileName().toString().startsWith("flyway-"))
        .forEach(jar -> war.addAsLibrary(jar.toFile()));
    return war;
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
