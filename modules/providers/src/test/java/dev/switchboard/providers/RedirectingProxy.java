package dev.switchboard.providers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pass-through in front of the simulator that adds what the simulator cannot: redirects. {@code
 * /hop/...} answers 307 to {@code /...} on this same origin; {@code /cross/...} answers 307 to
 * {@code /...} on the simulator under the name {@code localhost}, another host; {@code
 * /metadata/...} answers 307 to the cloud metadata address. Everything else is forwarded to the
 * simulator unchanged. Records each request line and headers it received.
 */
final class RedirectingProxy implements AutoCloseable {

  /** One request as received. */
  record Seen(String method, URI uri, Map<String, List<String>> headers) {}

  private static final Set<String> HOP_BY_HOP =
      Set.of("host", "connection", "content-length", "transfer-encoding", "upgrade", "expect");

  final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final String target;
  private final int targetPort;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  RedirectingProxy(String simulatorBaseUrl) throws IOException {
    this.target = simulatorBaseUrl;
    this.targetPort = URI.create(simulatorBaseUrl).getPort();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    seen.add(new Seen(exchange.getRequestMethod(), uri, Map.copyOf(exchange.getRequestHeaders())));
    String path = uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    if (path.startsWith("/hop/")) {
      redirect(exchange, 307, path.substring("/hop".length()) + query);
    } else if (path.startsWith("/found/")) {
      redirect(exchange, 302, path.substring("/found".length()) + query);
    } else if (path.startsWith("/metadata/")) {
      redirect(exchange, 307, "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
    } else if (path.startsWith("/cross/")) {
      redirect(
          exchange,
          307,
          "http://localhost:" + targetPort + path.substring("/cross".length()) + query);
    } else {
      forward(exchange, path + query);
    }
  }

  private static void redirect(HttpExchange exchange, int status, String location)
      throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private void forward(HttpExchange exchange, String pathAndQuery) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target + pathAndQuery))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
              }
            });
    try {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] out = response.body();
      exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
      exchange.getResponseBody().write(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(502, -1);
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
