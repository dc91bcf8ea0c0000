package dev.switchboard.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another Liberty server of the same packaged installation, as its own process with its own output
 * directory (logs, embedded Derby, usage journal) and ports: for the tests that kill a server or
 * need two. It inherits this JVM's environment, so in the PostgreSQL variant it shares the test
 * server's database, as a second node of a cluster does.
 */
final class ExtraServer implements AutoCloseable {

  private static final Path WLP =
      Path.of(System.getProperty("switchboard.it.wlp-home", "target/liberty/wlp"));
  private static final String NAME =
      System.getProperty("switchboard.it.server-name", "switchboard");

  private final Path output;
  private final int httpPort;
  private final Map<String, String> env;

  /**
   * @param id names the output directory ({@code target/extra-servers/<id>}), emptied first
   * @param env variables added to the server's environment (e.g. the admin password)
   */
  ExtraServer(String id, int httpPort, Map<String, String> env) throws IOException {
    this.output = Path.of("target/extra-servers", id).toAbsolutePath();
    this.httpPort = httpPort;
    this.env = env;
    if (Files.exists(output)) {
      try (var files = Files.walk(output)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(ExtraServer::delete);
      }
    }
    Files.createDirectories(output);
  }

  String baseUrl() {
    return "http://localhost:" + httpPort;
  }

  Path serverOutput() {
    return output.resolve(NAME);
  }

  /** Starts the server and waits until {@code /health/ready} answers 200 (at most 4 minutes). */
  void start() throws IOException, InterruptedException {
    start(Map.of());
  }

  /**
   * Starts the server with {@code moreEnv} added to (or replacing) its environment for this start,
   * and waits until {@code /health/ready} answers 200 (at most 4 minutes).
   */
  void start(Map<String, String> moreEnv) throws IOException, InterruptedException {
    startProcess(moreEnv);
    awaitReady();
  }

  /**
   * Starts the server process with {@code moreEnv} and waits until its log says the application did
   * not start ({@code CWWKZ0002E}, at most 4 minutes); the server process keeps running (close it).
   *
   * @return the server's messages.log at that moment
   */
  String startExpectingTheApplicationToFail(Map<String, String> moreEnv)
      throws IOException, InterruptedException {
    startProcess(moreEnv);
    Path log = serverOutput().resolve("logs/messages.log");
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        String text = Files.readString(log);
        if (text.contains("CWWKZ0002E")) {
          return text;
        }
        if (text.contains("CWWKZ0001I: Application switchboard started")) {
          throw new IllegalStateException("the application started at " + baseUrl());
        }
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("no outcome of the application's start in " + log);
  }

  private void startProcess(Map<String, String> moreEnv) throws IOException, InterruptedException {
    ProcessBuilder b =
        new ProcessBuilder(WLP.resolve("bin/server").toString(), "start", NAME)
            .redirectErrorStream(true)
            .redirectOutput(output.resolve("start.log").toFile());
    b.environment().putAll(env);
    b.environment().putAll(moreEnv);
    b.environment().put("WLP_OUTPUT_DIR", output.toString());
    b.environment().put("SWITCHBOARD_HTTP_PORT", String.valueOf(httpPort));
    b.environment().put("SWITCHBOARD_HTTPS_PORT", String.valueOf(httpPort + 363));
    Process p = b.start();
    // on a loaded machine the start command may give up waiting ("communication error") while the
    // server goes on starting: then readiness (or the log) decides, not the command's exit code
    boolean exited = p.waitFor(3, TimeUnit.MINUTES);
    if (!exited) {
      p.destroy();
    }
    if ((!exited || p.exitValue() != 0) && !running()) {
      throw new IllegalStateException(
          "server start failed: " + Files.readString(output.resolve("start.log")));
    }
  }

  private boolean running() {
    try {
      return ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("server at " + baseUrl() + " not ready; see " + output);
  }

  /** The server JVM's process id, from Liberty's pid file. */
  long pid() throws IOException {
    return Long.parseLong(Files.readString(output.resolve(".pid/" + NAME + ".pid")).trim());
  }

  /** Kills the server JVM with SIGKILL: no shutdown hook, no flush, no close. */
  void kill9() throws IOException, InterruptedException {
    long pid = pid();
    Process k = new ProcessBuilder("kill", "-9", String.valueOf(pid)).inheritIO().start();
    if (k.waitFor() != 0) {
      throw new IllegalStateException("kill -9 " + pid + " failed");
    }
    ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
  }

  @Override
  public void close() throws IOException, InterruptedException {
    ProcessBuilder b =
        new ProcessBuilder(WLP.resolve("bin/server").toString(), "stop", NAME)
            .redirectErrorStream(true)
            .redirectOutput(output.resolve("stop.log").toFile());
    b.environment().put("WLP_OUTPUT_DIR", output.toString());
    b.start().waitFor(2, TimeUnit.MINUTES);
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
