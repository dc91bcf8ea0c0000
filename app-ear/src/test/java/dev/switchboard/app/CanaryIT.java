package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.AdminApi.Reply;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY item 22: a canary API key and a canary secure variable, used through every path that
 * touches them, appear in no API response, no audit entry, no server log file and nowhere in a
 * plain dump of the database.
 */
class CanaryIT {

  private static final String KEY = "sk-canary-key-" + UUID.randomUUID();
  private static final String VARIABLE = "canary-variable-" + UUID.randomUUID();

  private final AdminApi admin = AdminApi.admin();
  private final List<Reply> replies = new ArrayList<>();

  @Test
  void theCanariesAreNowhereInResponsesAuditLogsOrTheDatabase() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY))) {
      String base = sim.baseUrl() + "/openai/v1";
      String id =
          keep(admin.post(
                  "/api/v1/integrations",
                  "{\"name\":\"canary-"
                      + UUID.randomUUID()
                      + "\",\"providerId\":\"openai\",\"apiKey\":\""
                      + KEY
                      + "\",\"baseUrl\":\""
                      + base
                      + "\",\"models\":[{\"modelId\":\"gpt-4o-mini\"}]}"))
              .json()
              .get("id")
              .asText();
      keep(
          admin.post(
              "/api/v1/variables",
              "{\"scope\":\"env\",\"name\":\"CANARY_"
                  + UUID.randomUUID().toString().substring(0, 8)
                  + "\",\"value\":\""
                  + VARIABLE
                  + "\",\"secure\":true}"));
      keep(admin.post("/api/v1/integrations/" + id + "/test", "{}"));
      keep(
          admin.send(
              "PUT",
              "/api/v1/integrations/" + id,
              "{\"name\":\"canary-renamed-"
                  + UUID.randomUUID()
                  + "\",\"apiKey\":\""
                  + KEY
                  + "x\",\"baseUrl\":\""
                  + base
                  + "\"}"));
      keep(admin.post("/api/v1/integrations/" + id + "/test", "{}"));
      keep(admin.get("/api/v1/integrations"));
      keep(admin.get("/api/v1/integrations/" + id));
      keep(admin.get("/api/v1/integrations/" + id + "/tests"));
      keep(admin.get("/api/v1/variables"));
      keep(admin.get("/api/v1/secrets/rotation"));
      keep(admin.get("/api/v1/audit?limit=500"));
    }

    for (Reply r : replies) {
      assertThat(r.body()).doesNotContain(KEY).doesNotContain(VARIABLE);
    }
    assertThat(replies.get(4).json().get("success").asBoolean())
        .as("the wrong key fails")
        .isFalse();
    assertNotInFiles(SwitchboardServer.SERVER_DIR.resolve("logs"));
    if (SwitchboardServer.EXPECTED_DATABASE.startsWith("PostgreSQL")) {
      assertNotInPostgresql();
    } else {
      Path derby = SwitchboardServer.SERVER_DIR.resolve("derby");
      assertNotInFiles(derby);
      // The scan does see stored text: a sealed value's prefix is on disk.
      assertThat(anyFileHolds(derby, "sb1:v1:".getBytes(StandardCharsets.UTF_8))).isTrue();
    }
  }

  private Reply keep(Reply r) {
    assertThat(r.status()).as(r.body()).isLessThan(300);
    replies.add(r);
    return r;
  }

  /** Every byte of every file, as ASCII/UTF-8 and as UTF-16. */
  private static void assertNotInFiles(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    for (String canary : List.of(KEY, VARIABLE)) {
      byte[] utf8 = canary.getBytes(StandardCharsets.UTF_8);
      byte[] utf16 = canary.getBytes(StandardCharsets.UTF_16BE);
      for (Path f : files) {
        byte[] content = Files.readAllBytes(f);
        assertThat(indexOf(content, utf8)).as("%s holds a canary", f).isNegative();
        assertThat(indexOf(content, utf16)).as("%s holds a canary (UTF-16)", f).isNegative();
      }
    }
  }

  /** A plain dump: every column of every row of every table, as text. */
  private static void assertNotInPostgresql() throws Exception {
    String url = System.getenv("SWITCHBOARD_DB_URL");
    StringBuilder dump = new StringBuilder();
    try (Connection c =
            DriverManager.getConnection(
                url,
                System.getenv("SWITCHBOARD_DB_USER"),
                System.getenv("SWITCHBOARD_DB_PASSWORD"));
        ResultSet tables = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
      List<String> names = new ArrayList<>();
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME"));
      }
      assertThat(names).contains("sb_integration", "sb_variable", "sb_audit_entry");
      for (String table : names) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              dump.append(rs.getString(i)).append('\t');
            }
          }
        }
      }
    }
    assertThat(dump.toString()).contains("sb1:").doesNotContain(KEY).doesNotContain(VARIABLE);
  }

  private static boolean anyFileHolds(Path dir, byte[] needle) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        if (indexOf(Files.readAllBytes(f), needle) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
