package dev.switchboard.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The running test server, as the black-box tests see it: a base URL, logs and an admin. */
final class SwitchboardServer {

  private static final Pattern GENERATED_PASSWORD =
      Pattern.compile("SWITCHBOARD_ADMIN_PASSWORD\\): ([A-Za-z0-9]+)");

  static final String BASE_URL =
      System.getProperty("switchboard.it.base-url", "http://localhost:9080");
  static final Path SERVER_DIR = Path.of(System.getProperty("switchboard.it.server-dir", "target"));
  static final String EXPECTED_DATABASE =
      System.getProperty("switchboard.it.expected-database", "Apache Derby (embedded)");

  static final int HTTP_PORT = Integer.getInteger("switchboard.it.http-port", 9080);

  private SwitchboardServer() {}

  /** The admin password the build gave the servers (the PostgreSQL variant), if it gave one. */
  static Optional<String> adminPasswordConfigured() {
    String configured = System.getProperty("switchboard.it.admin-password", "");
    return configured.isBlank() || configured.startsWith("${")
        ? Optional.empty()
        : Optional.of(configured);
  }

  static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .cookieHandler(new CookieManager())
        .build();
  }

  static URI uri(String path) {
    return URI.create(BASE_URL + path);
  }

  static HttpResponse<String> get(HttpClient client, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static String basicAuth(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The admin password: the one the build passed to the server (PostgreSQL variant), or the one the
   * embedded default generated and printed once in the server log.
   */
  static String adminPassword() {
    // The build passes SWITCHBOARD_ADMIN_PASSWORD on; when it is unset Maven leaves "${env...}".
    String configured = System.getProperty("switchboard.it.admin-password", "");
    if (!configured.isBlank() && !configured.startsWith("${")) {
      return configured;
    }
    return generatedPasswordInLogs()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No admin password: none configured and none generated in "
                        + SERVER_DIR.resolve("logs")));
  }

  /** The most recently generated password in any of the server's message logs. */
  static Optional<String> generatedPasswordInLogs() {
    try (Stream<Path> logs = Files.list(SERVER_DIR.resolve("logs"))) {
      return logs.filter(p -> p.getFileName().toString().startsWith("messages"))
          .sorted(Comparator.comparing(SwitchboardServer::modified).reversed())
          .map(SwitchboardServer::generatedPasswordIn)
          .flatMap(Optional::stream)
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String messagesLog() {
    try {
      return Files.readString(SERVER_DIR.resolve("logs/messages.log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> generatedPasswordIn(Path log) {
    try {
      Matcher m = GENERATED_PASSWORD.matcher(Files.readString(log));
      String last = null;
      while (m.find()) {
        last = m.group(1);
      }
      return Optional.ofNullable(last);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The highest migration version in the top-level db/ folder: what the schema must be at. */
  static String latestMigrationVersion() {
    Path root = Path.of(System.getProperty("user.dir")).resolve("../db/migration");
    Pattern versioned = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .map(p -> versioned.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> m.group(1).replace('_', '.'))
          .max(Comparator.comparing(SwitchboardServer::versionKey))
          .orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String versionKey(String v) {
    StringBuilder sb = new StringBuilder();
    for (String part : v.split("\\.")) {
      sb.append(String.format("%08d", Long.parseLong(part)));
    }
    return sb.toString();
  }
}
