package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.app.clientapp.ClientApplication;
import dev.switchboard.app.clientapp.LlmResource;
import dev.switchboard.client.GatewayRouter;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A second, separate application on the same Liberty as the EAR, built the way any Jakarta EE
 * application would use Switchboard: one dependency ({@code switchboard-client}, with {@code
 * switchboard-core}), two configuration keys (the gateway's URL and an API key the test creates
 * through the admin API), and {@code @Inject LlmRouter}. Chat, streaming (pieces as they come),
 * cancel, embeddings and an unknown model's category, all through that application.
 */
@ExtendWith(ArquillianExtension.class)
class GatewayClientArquillianIT {

  private static final String KEY = "sk-client-" + UUID.randomUUID();
  private static final String REPLY = "Hello from the Switchboard simulator héllo 🌍 done ";
  private static Simulator healthy;
  private static Simulator slow;
  private static Simulator longer;
  private static String longIntegration;

  @ArquillianResource URL app;

  /**
   * Sets up the gateway side first (simulators, a workspace with integrations, a gateway API key),
   * since the application's configuration carries the key.
   */
  @Deployment(testable = false)
  static WebArchive clientApplication() {
    awaitGatewayReady();
    healthy = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY));
    slow = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY).withTokenDelayMs(150));
    longer =
        Simulator.start(
            SimulatorOptions.defaults().withApiKey(KEY).withTokenDelayMs(150).withStreamTokens(40));
    slow.addModels("openai", "gpt-slow");
    longer.addModels("openai", "gpt-long");
    String s = UUID.randomUUID().toString().substring(0, 8);
    AdminApi user = AdminApi.newUser("client-" + s, "client-" + s);
    integration(user, "client-chat-" + s, healthy, "gpt-4o-mini");
    integration(user, "client-embed-" + s, healthy, "text-embedding-3-small");
    integration(user, "client-slow-" + s, slow, "gpt-slow");
    longIntegration = integration(user, "client-long-" + s, longer, "gpt-long");
    String apiKey =
        user.post("/api/v1/api-keys", "{\"name\":\"client-app\"}").json().get("key").asText();
    String config =
        "switchboard.client.url="
            + SwitchboardServer.BASE_URL
            + "\nswitchboard.client.api-key="
            + apiKey
            + "\n";
    return ShrinkWrap.create(WebArchive.class, "client-app.war")
        .addClasses(ClientApplication.class, LlmResource.class)
        .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
        .addAsLibrary(library(GatewayRouter.class, "switchboard-client.jar"))
        .addAsLibrary(library(ChatRequest.class, "switchboard-core.jar"));
  }

  /**
   * This deployment may be the first thing of the run: the server reports ready before the EAR has
   * started (and, on the embedded default, generated the admin password).
   */
  private static void awaitGatewayReady() {
    HttpClient client = SwitchboardServer.client();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(
            () ->
                SwitchboardServer.get(client, "/health/ready").statusCode() == 200
                    && !SwitchboardServer.adminPassword().isBlank());
  }

  @AfterAll
  static void stopSimulators() {
    healthy.close();
    slow.close();
    longer.close();
  }

  @Test
  void theInjectedRouterIsTheClientAndAChatIsAnsweredThroughTheGateway() {
    JsonNode r = call("chat?model=openai/gpt-4o-mini");

    assertThat(r.path("router").asText()).contains("GatewayRouter");
    assertThat(r.path("text").asText()).isEqualTo(REPLY);
    assertThat(r.path("provider").asText()).isEqualTo("openai");
    assertThat(r.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(r.path("attempts").asInt()).isEqualTo(1);
    assertThat(r.path("requestId").asText()).isNotBlank();
    assertThat(r.path("outputTokens").asInt()).isEqualTo(8);
  }

  @Test
  void aStreamReachesTheApplicationPieceByPieceAndCompletesWithTheUsage() {
    // warm-up: the first stream of a fresh server pays for class loading and JIT on both sides
    assertThat(call("stream?model=openai/gpt-4o-mini").path("text").asText()).isEqualTo(REPLY);

    JsonNode r = call("stream?model=openai/gpt-slow");

    System.out.println("stream through the client application: " + r);
    List<Long> arrivals = new ArrayList<>();
    r.path("arrivalsMs").forEach(n -> arrivals.add(n.asLong()));
    assertThat(r.path("text").asText()).isEqualTo(REPLY);
    assertThat(r.path("endings").toString()).isEqualTo("[\"complete\"]");
    assertThat(r.path("totalTokens").asLong()).isPositive();
    // 8 pieces 150 ms apart upstream: stream() returned at once, the first piece ~1 s (at least
    // 0.7 s on a busy machine) before the last one, so nothing was collected before being handed on
    assertThat(arrivals).hasSize(8);
    assertThat(r.path("returnedMs").asLong()).isLessThan(arrivals.get(0));
    assertThat(arrivals.get(7) - arrivals.get(0))
        .as("arrivals %s", arrivals)
        .isGreaterThanOrEqualTo(700);
  }

  @Test
  void aCancelledStreamEndsOnceItsConnectionClosesAndNothingArrivesAfterIt() {
    JsonNode r = call("cancel?model=openai/gpt-long");
    System.out.println("cancel through the client application: " + r);

    assertThat(r.path("endings").toString()).isEqualTo("[\"cancelled\"]");
    assertThat(r.path("cancelMs").asLong()).isLessThan(100);
    assertThat(r.path("arrivalsMs").size()).isEqualTo(r.path("piecesAtCancel").asInt());
    assertThat(r.path("arrivalsMs").size()).isLessThan(40);
    // 40 pieces 150 ms apart: a drained rather than closed connection would keep its reader for
    // seconds
    assertThat(r.path("readerStoppedMs").asLong()).isBetween(0L, 2000L);
    // The gateway saw the connection go: its ledger entry is the cut stream's, not a completed one
    // (a connection drained by the client would have let all 40 pieces through, 6 s later)
    JsonNode[] entry = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode list =
                  AdminApi.admin().get("/api/v1/usage?integration=" + longIntegration).json();
              assertThat(list.size()).as(list.toString()).isEqualTo(1);
              entry[0] = list.get(0);
            });
    assertThat(entry[0].get("usageSource").asText())
        .as(entry[0].toString())
        .isEqualTo("INCOMPLETE");
    assertThat(entry[0].get("outputTokens").asLong()).isLessThan(40);
  }

  @Test
  void embeddingsComeBackOnePerInput() {
    JsonNode r = call("embed?model=openai/text-embedding-3-small");

    assertThat(r.path("count").asInt()).isEqualTo(3);
    assertThat(r.path("dimensions").asInt()).isEqualTo(8);
    assertThat(r.path("inputTokens").asInt()).isEqualTo(3);
  }

  @Test
  void anUnknownModelIsAModelNotFoundProviderException() {
    long before = healthy.requestCount("openai");

    JsonNode chat = call("chat?model=openai/not-configured");
    JsonNode stream = call("stream?model=openai/not-configured");

    assertThat(chat.path("error").asText()).isEqualTo("MODEL_NOT_FOUND");
    assertThat(chat.path("status").asInt()).isEqualTo(404);
    assertThat(stream.path("endings").toString()).isEqualTo("[\"error\"]");
    assertThat(stream.path("error").asText()).isEqualTo("MODEL_NOT_FOUND");
    assertThat(healthy.requestCount("openai")).isEqualTo(before);
  }

  private JsonNode call(String path) {
    HttpClient client = HttpClient.newHttpClient();
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(app.toURI().resolve("api/llm/" + path))
                  .timeout(Duration.ofSeconds(90))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return AdminApi.JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String integration(AdminApi user, String name, Simulator sim, String model) {
    AdminApi.Reply r =
        user.post(
            "/api/v1/integrations",
            "{\"name\":\""
                + name
                + "\",\"providerId\":\"openai\",\"apiKey\":\""
                + KEY
                + "\",\"baseUrl\":\""
                + sim.baseUrl()
                + "/openai/v1\",\"models\":[{\"modelId\":\""
                + model
                + "\"}]}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  /** A module's jar as the build made it (or its classes folder inside a reactor build). */
  private static JavaArchive library(Class<?> type, String name) {
    Path location;
    try {
      location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    File file = location.toFile();
    if (Files.isDirectory(location)) {
      return ShrinkWrap.create(JavaArchive.class, name)
          .as(ExplodedImporter.class)
          .importDirectory(file)
          .as(JavaArchive.class);
    }
    return ShrinkWrap.create(ZipImporter.class, name).importFrom(file).as(JavaArchive.class);
  }
}
