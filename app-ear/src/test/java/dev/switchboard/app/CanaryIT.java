package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.switchboard.app.AdminApi.Reply;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY.md case 22: a canary prompt and a canary secret go through everything that touches
 * them, then are searched for everywhere the server writes, and found nowhere. The secret is the
 * upstream's API key, typed in literally for one integration and given through a secure variable
 * for the one that answers the calls; the prompt is sent through {@code /v1} in plain and streamed
 * chats and in requests that fail (bad JSON, wrong types, a context too long, upstream errors that
 * echo the prompt and the key). Searched: every reply, the gateway's error bodies, {@code
 * /metrics}, the alert mail a limit sends (GreenMail), the audit trail, every server log file, and
 * the database (every column of every table over JDBC, and every byte of the embedded database's
 * files). Switchboard has no prompt logging to switch on, so the prompt may appear nowhere.
 *
 * <p>A server of its own (its own logs and embedded database; in the PostgreSQL variant the shared
 * database) with mail to the test's SMTP server.
 */
class CanaryIT {

  private static final String SECRET = "canary-secret-" + UUID.randomUUID();
  private static final String PROMPT = "canary-prompt-" + UUID.randomUUID();
  private static final String ADMIN_PASSWORD =
      SwitchboardServer.adminPasswordConfigured().orElse("canary-it-" + UUID.randomUUID());
  private static final List<String> CANARIES = List.of(SECRET, PROMPT);
  private static Simulator sim;
  private static GreenMail smtp;
  private static ExtraServer server;

  private final List<String> seen = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    sim =
        Simulator.start(SimulatorOptions.defaults().withApiKey(SECRET).withTokenDelayMs(0))
            .addModels("openai", "gpt-canary", "gpt-canary-literal");
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    server =
        new ExtraServer(
            "canary",
            SwitchboardServer.HTTP_PORT + 47,
            Map.of(
                "SWITCHBOARD_ADMIN_PASSWORD",
                ADMIN_PASSWORD,
                "SWITCHBOARD_SANDBOX_ENABLED",
                "false",
                "SWITCHBOARD_MAIL_HOST",
                "127.0.0.1",
                "SWITCHBOARD_MAIL_PORT",
                String.valueOf(smtp.getSmtp().getPort())));
    server.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void theCanariesAreNowhereInRepliesErrorsMetricsMailAuditLogsOrTheDatabase() throws Exception {
    AdminApi admin = new AdminApi(server.baseUrl(), "admin", ADMIN_PASSWORD);
    String base = sim.baseUrl() + "/openai/v1";
    String s = UUID.randomUUID().toString().substring(0, 8);

    // the secret typed in literally: create, test, change to a wrong one, test again
    String literal =
        keep(admin.post(
                "/api/v1/integrations",
                integration("canary-literal-" + s, SECRET, base, "gpt-canary-literal")))
            .json()
            .get("id")
            .asText();
    assertThat(test(admin, literal)).as("the right key passes").isTrue();
    keep(
        admin.send(
            "PUT",
            "/api/v1/integrations/" + literal,
            "{\"name\":\"canary-literal-"
                + s
                + "\",\"apiKey\":\""
                + SECRET
                + "x\",\"baseUrl\":\""
                + base
                + "\"}"));
    assertThat(test(admin, literal)).as("the wrong key fails").isFalse();

    // the secret through a secure variable: the integration that answers the calls
    keep(
        admin.post(
            "/api/v1/variables",
            "{\"scope\":\"env\",\"name\":\"CANARY_KEY\",\"value\":\""
                + SECRET
                + "\",\"secure\":true}"));
    String id =
        keep(admin.post(
                "/api/v1/integrations",
                integration(
                    "canary-" + s, "{{env.CANARY_KEY}}", base, "gpt-canary", "gpt-canary-tiny")))
            .json()
            .get("id")
            .asText();
    assertThat(test(admin, id)).isTrue();
    // a limit whose thresholds the first call crosses: alert mail
    keep(
        admin.send(
            "PUT",
            "/api/v1/integrations/" + id + "/limit",
            "{\"maxTokens\":20,\"cycleDays\":30,\"thresholds\":[50,100],"
                + "\"recipients\":[\"ops@example.test\"]}"));
    String key =
        keep(admin.post("/api/v1/api-keys", "{\"name\":\"canary\"}")).json().get("key").asText();

    String chat =
        "{\"model\":\"openai/gpt-canary\",\"messages\":[{\"role\":\"system\",\"content\":\"Answer "
            + PROMPT
            + "\"},{\"role\":\"user\",\"content\":\"Please summarise "
            + PROMPT
            + "\"}]";
    assertThat(v1(key, chat + "}").statusCode()).isEqualTo(200);
    HttpResponse<String> streamed = v1(key, chat + ",\"stream\":true}");
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.body()).contains("data: [DONE]");

    // failures whose message could carry the prompt or the key
    assertThat(v1(key, chat).statusCode()).as("truncated JSON").isEqualTo(400);
    assertThat(v1(key, chat + ",\"max_tokens\":\"" + PROMPT + "\"}").statusCode())
        .as("a wrong type")
        .isEqualTo(400);
    assertThat(
            v1(
                    key,
                    "{\"model\":\"openai/gpt-canary-tiny\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\""
                        + (PROMPT + " ").repeat(60)
                        + "\"}]}")
                .statusCode())
        .as("a context too long")
        .isEqualTo(400);
    sim.enqueueFault("openai", "status=400;message=Invalid content '" + PROMPT + "'");
    assertThat(v1(key, chat + "}").statusCode()).as("upstream echoes the prompt").isEqualTo(400);
    sim.enqueueFault("openai", "stream-error-after=2;message=Failed on '" + PROMPT + "'");
    v1(key, chat + ",\"stream\":true}");
    // last: an authentication failure may take the integration out of its routes
    sim.enqueueFault("openai", "status=401;message=Incorrect API key provided " + SECRET);
    assertThat(v1(key, chat + "}").statusCode()).as("upstream echoes the key").isGreaterThan(399);

    // alert mail: the limit's thresholds were crossed
    await()
        .atMost(Duration.ofSeconds(150))
        .until(() -> smtp.getReceivedMessages().length, n -> n >= 1);
    for (MimeMessage m : smtp.getReceivedMessages()) {
      seen.add("mail: " + GreenMailUtil.getWholeMessage(m));
    }
    assertThat(String.join("\n", seen)).contains("canary-" + s);

    seen.add("metrics: " + get(server.baseUrl() + "/metrics"));
    for (String path :
        List.of(
            "/api/v1/integrations",
            "/api/v1/integrations/" + id,
            "/api/v1/integrations/" + id + "/tests",
            "/api/v1/integrations/" + literal + "/tests",
            "/api/v1/integrations/" + id + "/limit",
            "/api/v1/integrations/" + id + "/notifications",
            "/api/v1/variables",
            "/api/v1/usage?limit=1000",
            "/api/v1/notifications/log",
            "/api/v1/secrets/rotation",
            "/api/v1/audit?limit=500")) {
      keep(admin.get(path));
    }
    Reply export = admin.send("GET", "/api/v1/config", "application/yaml", null, null);
    keep(export);
    assertThat(String.join("\n", seen)).contains("integration.created", "usage.limit.saved");

    for (String text : seen) {
      for (String canary : CANARIES) {
        assertThat(text).as("a reply holds a canary").doesNotContain(canary);
      }
    }

    server.close(); // every log line written, the embedded database closed
    assertNotInFiles(server.serverOutput().resolve("logs"));
    if (SwitchboardServer.EXPECTED_DATABASE.startsWith("PostgreSQL")) {
      assertThat(postgresqlDump()).contains("sb1:");
    } else {
      Path derby = server.serverOutput().resolve("derby");
      assertNotInFiles(derby);
      // the scan does see stored text: a sealed value's prefix is on disk
      assertThat(anyFileHolds(derby, "sb1:v1:".getBytes(StandardCharsets.UTF_8))).isTrue();
      assertThat(derbyDump(derby.resolve("switchboard"))).contains("sb1:v1:", "canary-" + s);
    }
  }

  private Reply keep(Reply r) {
    assertThat(r.status()).as(r.body()).isLessThan(300);
    seen.add(r.body());
    return r;
  }

  private boolean test(AdminApi admin, String id) {
    return keep(admin.post("/api/v1/integrations/" + id + "/test", "{}"))
        .json()
        .get("success")
        .asBoolean();
  }

  private static String integration(String name, String apiKey, String base, String... models) {
    return "{\"name\":\""
        + name
        + "\",\"providerId\":\"openai\",\"apiKey\":\""
        + apiKey
        + "\",\"baseUrl\":\""
        + base
        + "\",\"models\":[{\"modelId\":\""
        + String.join("\"},{\"modelId\":\"", models)
        + "\"}]}";
  }

  /** A call to the gateway's OpenAI API; the reply (body and headers) is kept for the search. */
  private HttpResponse<String> v1(String key, String body) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    seen.add(r.statusCode() + " " + r.headers().map() + " " + r.body());
    return r;
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  /** Every byte of every file, as ASCII/UTF-8 and as UTF-16. */
  private static void assertNotInFiles(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    for (String canary : CANARIES) {
      byte[] utf8 = canary.getBytes(StandardCharsets.UTF_8);
      byte[] utf16 = canary.getBytes(StandardCharsets.UTF_16BE);
      for (Path f : files) {
        byte[] content = Files.readAllBytes(f);
        assertThat(indexOf(content, utf8)).as("%s holds a canary", f).isNegative();
        assertThat(indexOf(content, utf16)).as("%s holds a canary (UTF-16)", f).isNegative();
      }
    }
  }

  /** The embedded database, opened from this JVM once the server is stopped. */
  private static String derbyDump(Path database) throws SQLException {
    System.setProperty("derby.stream.error.file", "target/canary-it-derby.log");
    String url = "jdbc:derby:" + database;
    try (Connection c = DriverManager.getConnection(url)) {
      return dump(c, null);
    } finally {
      try {
        DriverManager.getConnection(url + ";shutdown=true").close();
      } catch (SQLException closed) {
        // Derby answers a shutdown with an exception (08006)
      }
    }
  }

  private static String postgresqlDump() throws SQLException {
    try (Connection c =
        DriverManager.getConnection(
            System.getenv("SWITCHBOARD_DB_URL"),
            System.getenv("SWITCHBOARD_DB_USER"),
            System.getenv("SWITCHBOARD_DB_PASSWORD"))) {
      return dump(c, "public");
    }
  }

  /**
   * A plain dump of every column of every row of every table of the schema (every schema but the
   * system's when null), checked for the canaries; returned for the caller's own checks.
   */
  private static String dump(Connection c, String schema) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String s = rs.getString("TABLE_SCHEM");
        if (!s.startsWith("SYS")) {
          tables.add("\"" + s + "\".\"" + rs.getString("TABLE_NAME") + "\"");
        }
      }
    }
    assertThat(String.join(",", tables).toLowerCase())
        .contains("sb_integration", "sb_variable", "sb_audit_entry", "sb_usage_entry");
    StringBuilder dump = new StringBuilder();
    for (String table : tables) {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            byte[] bytes = null;
            Object value = rs.getObject(i);
            if (value instanceof java.sql.Blob b) {
              bytes = b.getBytes(1, (int) b.length());
            } else if (value instanceof java.sql.Clob cl) {
              value = cl.getSubString(1, (int) cl.length());
            } else if (value instanceof byte[] raw) {
              bytes = raw;
            }
            dump.append(bytes != null ? new String(bytes, StandardCharsets.ISO_8859_1) : value)
                .append('\t');
          }
          dump.append('\n');
        }
      }
    }
    for (String canary : CANARIES) {
      assertThat(dump.toString()).as("the database holds a canary").doesNotContain(canary);
    }
    return dump.toString();
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
