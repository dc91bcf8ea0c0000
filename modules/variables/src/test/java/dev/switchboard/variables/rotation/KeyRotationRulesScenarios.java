package dev.switchboard.variables.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.variables.crypto.EnvelopeCipher;
import dev.switchboard.variables.crypto.MasterKeyRing;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key rotation rules, run against each database by a subclass. */
abstract class KeyRotationRulesScenarios {

  /** A fresh, empty database for one test. */
  abstract TestDatabase newDatabase();

  private static final SealedColumn API_KEY = new SealedColumn("sb_integration", "id", "api_key");
  private static final SealedColumn VARIABLE =
      new SealedColumn("sb_variable", "name", "secret_value");

  private final MasterKeyRing v1Ring = MasterKeyRing.generate();
  private final MasterKeyRing v2Ring = v1Ring.withNewVersion();
  private final EnvelopeCipher v1 = new EnvelopeCipher(v1Ring);
  private final EnvelopeCipher v2 = new EnvelopeCipher(v2Ring);
  private final SealedColumnRegistry registry =
      new SealedColumnRegistry().register(API_KEY).register(VARIABLE);

  private TestDatabase db;

  @BeforeEach
  void createTables() throws SQLException {
    db = newDatabase();
    db.execute("CREATE TABLE sb_integration (id BIGINT PRIMARY KEY, api_key VARCHAR(1000))");
    db.execute(
        "CREATE TABLE sb_variable (name VARCHAR(100) PRIMARY KEY, secret_value VARCHAR(1000))");
  }

  @AfterEach
  void dropDatabase() {
    db.close();
  }

  private void integration(long id, EnvelopeCipher cipher) throws SQLException {
    db.update(
        "INSERT INTO sb_integration VALUES (?, ?)", id, cipher.seal("key-" + id, API_KEY.aad(id)));
  }

  private void variable(String name, EnvelopeCipher cipher) throws SQLException {
    db.update(
        "INSERT INTO sb_variable VALUES (?, ?)",
        name,
        cipher.seal("val-" + name, VARIABLE.aad(name)));
  }

  private KeyRotation rotation() {
    return new KeyRotation(db.dataSource(), v2, registry);
  }

  @Test
  void progressCountsEachVersionOverAllColumnsAndIgnoresPlainAndEmptyValues() throws Exception {
    integration(1, v1);
    integration(2, v1);
    integration(3, v2);
    variable("a", v1);
    db.update("INSERT INTO sb_integration VALUES (?, ?)", 4L, "plain, not sealed");
    db.update("INSERT INTO sb_integration (id) VALUES (?)", 5L);
    EnvelopeCipher v9 = new EnvelopeCipher(MasterKeyRing.parse("v9:" + base64Key()));
    db.update("INSERT INTO sb_variable VALUES (?, ?)", "b", v9.seal("x", VARIABLE.aad("b")));

    RotationProgress progress = rotation().progress();

    assertThat(progress.activeVersion()).isEqualTo("v2");
    assertThat(progress.count("v1")).isEqualTo(3);
    assertThat(progress.count("v2")).isEqualTo(1);
    assertThat(progress.otherVersions()).isEqualTo(1);
    assertThat(progress.total()).isEqualTo(5);
    assertThat(progress.remaining()).isEqualTo(4);
    assertThat(progress.complete()).isFalse();
  }

  @Test
  void missingVersionsNamesEveryVersionInUseThatTheRingLacks() throws Exception {
    integration(1, v1);
    integration(2, v2);
    variable("a", v1);
    db.update("INSERT INTO sb_integration VALUES (?, ?)", 3L, "plain, not sealed");
    MasterKeyRing onlyV2 = v2Ring.withoutVersion("v1");
    KeyRotation withV2Only = new KeyRotation(db.dataSource(), new EnvelopeCipher(onlyV2), registry);

    assertThat(rotation().missingVersions()).isEmpty();
    assertThat(withV2Only.missingVersions()).isEqualTo(Map.of("v1", 2L));

    rotation().run();
    assertThat(withV2Only.missingVersions()).isEmpty();
  }

  @Test
  void rotatesEveryRegisteredColumnIncludingTextIds() throws Exception {
    for (long id = 1; id <= 30; id++) {
      integration(id, v1);
    }
    for (String name : new String[] {"alpha", "beta", "gamma", "delta", "epsilon"}) {
      variable(name, v1);
    }

    RotationReport report = rotation().run(7);

    assertThat(report.rewrapped()).isEqualTo(35);
    assertThat(report.progress().complete()).isTrue();
    Map<Object, String> variables = db.rows("SELECT name, secret_value FROM sb_variable");
    variables.forEach(
        (name, stored) -> {
          assertThat(EnvelopeCipher.keyVersionOf(stored)).isEqualTo("v2");
          assertThat(v2.open(stored, VARIABLE.aad(name))).isEqualTo("val-" + name);
        });
    assertThat(rotation().canRetire("v1")).isTrue();
  }

  @Test
  void aSecondRunFindsNothingToDo() throws Exception {
    for (long id = 1; id <= 10; id++) {
      integration(id, v1);
    }
    rotation().run();
    Map<Object, String> before = db.rows("SELECT id, api_key FROM sb_integration");

    RotationReport again = rotation().run();

    assertThat(again.rewrapped()).isZero();
    assertThat(db.rows("SELECT id, api_key FROM sb_integration")).isEqualTo(before);
  }

  @Test
  void batchesContinueWhereThePreviousOneStoppedAndSayWhenAPassEnds() throws Exception {
    for (long id = 1; id <= 10; id++) {
      integration(id, v1);
    }
    variable("only", v1);
    KeyRotation rotation = rotation();

    BatchResult first = rotation.rewrapBatch(4);
    BatchResult second = rotation.rewrapBatch(4);
    BatchResult third = rotation.rewrapBatch(4);

    assertThat(first.rewrapped()).isEqualTo(4);
    assertThat(first.passComplete()).isFalse();
    assertThat(second.rewrapped()).isEqualTo(4);
    assertThat(third.rewrapped()).isEqualTo(3);
    assertThat(third.passComplete()).isTrue();
    assertThat(rotation.rewrapBatch(4)).isEqualTo(new BatchResult(0, 0, 0, 0, true));
  }

  @Test
  void rowsThatCannotBeUnwrappedAreCountedAndLeftWhileTheRestRotate() throws Exception {
    for (long id = 1; id <= 20; id++) {
      integration(id, v1);
    }
    Map<Object, String> rows = db.rows("SELECT id, api_key FROM sb_integration");
    db.update("UPDATE sb_integration SET api_key = ? WHERE id = ?", rows.get(2L), 1L);
    db.update("UPDATE sb_integration SET api_key = ? WHERE id = ?", rows.get(1L), 2L);

    RotationReport report = rotation().run(5);

    assertThat(report.failed()).isEqualTo(2);
    assertThat(report.rewrapped()).isEqualTo(18);
    assertThat(report.interrupted()).isFalse();
    assertThat(report.progress().count("v1")).isEqualTo(2);
    assertThat(rotation().canRetire("v1")).isFalse();
    Map<Object, String> after = db.rows("SELECT id, api_key FROM sb_integration");
    assertThat(after.get(1L)).isEqualTo(rows.get(2L));
    assertThat(after.get(2L)).isEqualTo(rows.get(1L));
  }

  @Test
  void rotationLogsNameRowsButNeverValuesOrSealedTexts() throws Exception {
    for (long id = 1; id <= 3; id++) {
      integration(id, v1);
    }
    Map<Object, String> rows = db.rows("SELECT id, api_key FROM sb_integration");
    db.update("UPDATE sb_integration SET api_key = ? WHERE id = ?", rows.get(2L), 1L);
    List<String> logged = new ArrayList<>();
    Logger logger = Logger.getLogger(KeyRotation.class.getName());
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(new SimpleFormatter().formatMessage(record));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(capture);
    try {
      rotation().run();
    } finally {
      logger.removeHandler(capture);
    }

    assertThat(logged).anySatisfy(line -> assertThat(line).contains("row 1", "v1"));
    for (String line : logged) {
      assertThat(line).doesNotContain("key-1", "key-2", "key-3", "sb1:");
    }
  }

  @Test
  void aRowChangedBetweenReadAndUpdateIsLeftAsItNowIs() throws Exception {
    integration(1, v1);
    String read = db.rows("SELECT id, api_key FROM sb_integration").get(1L);
    String writtenMeanwhile = v2.seal("new key", API_KEY.aad(1L));
    db.update("UPDATE sb_integration SET api_key = ? WHERE id = ?", writtenMeanwhile, 1L);

    boolean replaced;
    try (Connection connection = db.dataSource().getConnection()) {
      replaced =
          new RotationSql()
              .compareAndSet(
                  connection,
                  API_KEY,
                  new RotationSql.Row(1L, read),
                  v2.rewrap(read, API_KEY.aad(1L)));
    }

    assertThat(replaced).isFalse();
    assertThat(db.rows("SELECT id, api_key FROM sb_integration").get(1L))
        .isEqualTo(writtenMeanwhile);
  }

  @Test
  void anInterruptedThreadStopsBeforeTheFirstBatchAndKeepsItsInterrupt() throws Exception {
    integration(1, v1);
    Thread.currentThread().interrupt();
    RotationReport report;
    try {
      report = rotation().run();
    } finally {
      assertThat(Thread.interrupted()).isTrue();
    }

    assertThat(report.interrupted()).isTrue();
    assertThat(report.rewrapped()).isZero();
    assertThat(report.progress().count("v1")).isEqualTo(1);
  }

  @Test
  void theActiveVersionCanNeverBeRetired() throws Exception {
    assertThat(rotation().canRetire("v2")).isFalse();
    assertThat(rotation().canRetire("v1")).isTrue();
    assertThat(rotation().canRetire("not-a-version")).isFalse();
  }

  @Test
  void batchSizeMustBePositive() {
    assertThatThrownBy(() -> rotation().rewrapBatch(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMissingTableIsReportedByName() {
    KeyRotation rotation =
        new KeyRotation(
            db.dataSource(), v2, new SealedColumnRegistry().register("sb_absent", "id", "secret"));

    assertThatThrownBy(rotation::run)
        .isInstanceOf(RotationException.class)
        .hasMessageContaining("sb_absent");
  }

  @Test
  void columnNamesMustBePlainIdentifiers() {
    for (String bad : new String[] {"sb_x; DROP TABLE y", "a.b", "\"quoted\"", "", "1abc"}) {
      assertThatThrownBy(() -> new SealedColumn(bad, "id", "v"))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new SealedColumn("t", bad, "v"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new SealedColumn("t", "id", bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void registeringAColumnTwiceKeepsOneEntry() {
    SealedColumnRegistry columns =
        new SealedColumnRegistry().register(API_KEY).register("sb_integration", "id", "api_key");

    assertThat(columns.columns()).containsExactly(API_KEY);
  }

  private static String base64Key() {
    return java.util.Base64.getEncoder().encodeToString(new byte[32]);
  }
}
