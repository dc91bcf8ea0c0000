package dev.switchboard.simulator;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.simulator.http.Server;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test: measures the simulator's CPU per request. Starts the standalone jar as its own
 * process, warms it up (JIT), fires the requests from this JVM and reads the server process's total
 * CPU time (user + system, GC and JIT included) before and after each round. For comparison it
 * measures the simulator's own HTTP server alone and, as the reference the simulator used to be
 * built on, the JDK's {@code com.sun.net.httpserver}, each answering a fixed body of the same size.
 *
 * <pre>
 * cd modules/simulator && mvn -o -q package -DskipTests
 * java -cp target/test-classes dev.switchboard.simulator.CpuCostMeasurement [requests] [concurrency]
 * </pre>
 */
public final class CpuCostMeasurement {

  private static final int WARM_UP_ROUNDS = 3;
  private static final int ROUNDS = 3;

  private CpuCostMeasurement() {}

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    String java = ProcessHandle.current().info().command().orElse("java");
    System.out.printf(
        "%,d requests per round, %d warm-up rounds, median of %d rounds, concurrency %d%n",
        requests, WARM_UP_ROUNDS, ROUNDS, concurrency);
    measure(
        "JDK HttpServer alone, fixed 600-byte body",
        List.of(java, "-cp", "target/test-classes", TrivialServer.class.getName()),
        "/",
        false,
        requests,
        concurrency);
    measure(
        "own HTTP server alone, fixed 600-byte body",
        List.of(
            java,
            "-cp",
            "target/classes" + File.pathSeparator + "target/test-classes",
            OwnTrivialServer.class.getName()),
        "/",
        false,
        requests,
        concurrency);
    List<String> jar = List.of(java, "-jar", "target/switchboard-simulator.jar", "--port", "0");
    measure(
        "simulator: openai chat, non-streaming",
        jar,
        "/openai/v1/chat/completions",
        false,
        requests,
        concurrency);
    measure(
        "simulator: openai chat, streaming + usage",
        jar,
        "/openai/v1/chat/completions",
        true,
        requests,
        concurrency);
  }

  private static void measure(
      String name, List<String> command, String path, boolean stream, int requests, int concurrency)
      throws Exception {
    Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      while (!line.contains("listening on ")) {
        line = out.readLine();
      }
      HttpRequest request = request(line.substring(line.indexOf("http://")) + path, stream);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int i = 0; i < WARM_UP_ROUNDS; i++) {
        fire(client, pool, request, requests, concurrency);
      }
      double[] micros = new double[ROUNDS];
      double perSecond = 0;
      for (int i = 0; i < ROUNDS; i++) {
        Duration before = cpu(server);
        long start = System.nanoTime();
        fire(client, pool, request, requests, concurrency);
        perSecond = requests / ((System.nanoTime() - start) / 1e9);
        micros[i] = cpu(server).minus(before).toNanos() / 1000.0 / requests;
      }
      Arrays.sort(micros);
      System.out.printf(
          "%-44s server CPU %5.1f µs/request (rounds %.1f..%.1f), %.0f requests/s%n",
          name, micros[ROUNDS / 2], micros[0], micros[ROUNDS - 1], perSecond);
    } finally {
      pool.shutdown();
      server.destroy();
      server.waitFor();
    }
  }

  private static HttpRequest request(String url, boolean stream) {
    String body =
        "{\"model\":\"gpt-4o-mini\",\"stream\":"
            + stream
            + ",\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Say hello to the gateway\"}]}";
    return HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + SimulatorOptions.DEFAULT_API_KEY)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static void fire(
      HttpClient client, ExecutorService pool, HttpRequest request, int n, int concurrency)
      throws Exception {
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      int share = n / concurrency + (w < n % concurrency ? 1 : 0);
      workers.add(
          pool.submit(
              () -> {
                for (int i = 0; i < share; i++) {
                  HttpResponse<byte[]> r =
                      client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                  if (r.statusCode() != 200) {
                    throw new IllegalStateException("status " + r.statusCode());
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : workers) {
      f.get();
    }
  }

  private static Duration cpu(Process server) {
    return server.toHandle().info().totalCpuDuration().orElseThrow();
  }

  /** The floor of the simulator's own server: a fixed body, no routing, no JSON. */
  public static final class OwnTrivialServer {

    private OwnTrivialServer() {}

    public static void main(String[] args) throws Exception {
      byte[] body = new byte[600];
      Arrays.fill(body, (byte) 'a');
      Server server =
          new Server(
              new InetSocketAddress("127.0.0.1", 0),
              4,
              SimulatorOptions.MAX_THREADS,
              exchange -> {
                exchange.body().readAllBytes();
                exchange.responseHeaders().set("Content-Type", "application/json");
                exchange.respond(200, body.length).write(body);
                exchange.end();
              });
      System.out.println("listening on http://127.0.0.1:" + server.port());
      Thread.currentThread().join();
    }
  }

  /** The reference: the JDK server answering a fixed body from its dispatcher thread. */
  public static final class TrivialServer {

    private TrivialServer() {}

    public static void main(String[] args) throws Exception {
      System.setProperty("sun.net.httpserver.nodelay", "true");
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
      byte[] body = new byte[600];
      Arrays.fill(body, (byte) 'a');
      server.createContext(
          "/",
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
      System.out.println("listening on http://127.0.0.1:" + server.getAddress().getPort());
    }
  }
}
