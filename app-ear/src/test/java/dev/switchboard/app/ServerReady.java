package dev.switchboard.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Before the first integration test class, waits until the application answers: {@code
 * /health/ready} up and the console deployed. The build's start-up check only waits for the server;
 * on a loaded machine the application may still be starting (migrations, sandbox). Every test class
 * gets it through JUnit's extension auto-detection ({@code junit-platform.properties}).
 */
public class ServerReady implements BeforeAllCallback {

  private static final Duration LIMIT = Duration.ofMinutes(5);
  private static volatile boolean ready;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (ready) {
      return;
    }
    synchronized (ServerReady.class) {
      if (!ready) {
        await();
        ready = true;
      }
    }
  }

  private static void await() throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + LIMIT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        int health = status(client, "/health/ready");
        int console = status(client, "/console/login.xhtml");
        if (health == 200 && console == 200) {
          return;
        }
        last = "health " + health + ", console " + console;
      } catch (java.io.IOException e) {
        last = e.toString();
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException(
        "The application did not become ready within " + LIMIT + ": " + last);
  }

  private static int status(HttpClient client, String path)
      throws java.io.IOException, InterruptedException {
    return client
        .send(
            HttpRequest.newBuilder(URI.create(SwitchboardServer.BASE_URL + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
