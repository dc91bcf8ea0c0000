package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An auth profile's credentials follow the integration's address only with the user's say-so:
 * changing the address of an integration with a profile attached is refused ({@code
 * Integrations.update}: "detach the auth profile before changing the address"); once detached, the
 * address may change and the profile's token is not sent to it. A custom endpoint on loopback
 * records the path and Authorization header of every request it receives. (The new address is a new
 * path on the same host: a move to another host is also held by the rule that binds stored
 * credentials to their hosts, tested in {@code CredentialBindingIT}.)
 */
class AuthProfileDetachIT {

  private static final String S = UUID.randomUUID().toString().substring(0, 8);
  private static final String TOKEN = "profile-token-" + UUID.randomUUID();
  private static final String MODEL = "detach-" + S;

  private static Recorder endpoint;
  private static AdminApi user;
  private static String integrationId;

  @BeforeAll
  static void setUp() throws IOException {
    endpoint = new Recorder();
    user = AdminApi.newUser("detach-" + S, "detach-" + S);
    AdminApi.Reply profile =
        user.post(
            "/api/v1/auth-profiles",
            "{\"name\":\"bearer-" + S + "\",\"kind\":\"BEARER\",\"secret\":\"" + TOKEN + "\"}");
    assertThat(profile.status()).as(profile.body()).isEqualTo(201);
    AdminApi.Reply integration =
        user.post("/api/v1/integrations", integrationJson(endpoint.url("/generate")));
    assertThat(integration.status()).as(integration.body()).isEqualTo(201);
    integrationId = integration.json().get("id").asText();
    AdminApi.Reply wire =
        user.send(
            "PUT",
            "/api/v1/integrations/" + integrationId + "/custom-llm",
            "{\"requestTemplate\":{\"input\":\"{{prompt}}\"},\"response\":{\"textPath\":"
                + "\"$.output.text\",\"inputTokensPath\":\"$.meta.tokens_in\","
                + "\"outputTokensPath\":\"$.meta.tokens_out\"}}");
    assertThat(wire.status()).as(wire.body()).isEqualTo(200);
    AdminApi.Reply attached =
        user.send(
            "PUT",
            "/api/v1/integrations/" + integrationId + "/auth-profile",
            "{\"authProfileId\":\"" + profile.json().get("id").asText() + "\"}");
    assertThat(attached.status()).as(attached.body()).isEqualTo(200);
  }

  @AfterAll
  static void tearDown() {
    endpoint.close();
  }

  private static String integrationJson(String baseUrl) {
    return "{\"name\":\"detach-"
        + S
        + "\",\"providerId\":\"byo\",\"baseUrl\":\""
        + baseUrl
        + "\",\"models\":[{\"modelId\":\""
        + MODEL
        + "\"}]}";
  }

  @Test
  void theAddressMovesOnlyAfterTheProfileIsDetachedAndThenItsTokenIsNotSent() {
    AdminApi.Reply tested = user.post("/api/v1/integrations/" + integrationId + "/test", "{}");
    assertThat(tested.json().get("success").asBoolean()).as(tested.body()).isTrue();
    assertThat(endpoint.seen).contains("/generate Bearer " + TOKEN);

    AdminApi.Reply refused =
        user.send(
            "PUT",
            "/api/v1/integrations/" + integrationId,
            integrationJson(endpoint.url("/moved")));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("error").path("field").asText()).isEqualTo("baseUrl");
    assertThat(refused.body()).contains("detach the auth profile");

    AdminApi.Reply detached =
        user.send(
            "PUT",
            "/api/v1/integrations/" + integrationId + "/auth-profile",
            "{\"authProfileId\":null}");
    assertThat(detached.status()).as(detached.body()).isEqualTo(200);
    AdminApi.Reply moved =
        user.send(
            "PUT",
            "/api/v1/integrations/" + integrationId,
            integrationJson(endpoint.url("/moved")));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);

    user.post("/api/v1/integrations/" + integrationId + "/test", "{}");

    assertThat(endpoint.seen)
        .as("the test reached the new address")
        .anyMatch(r -> r.startsWith("/moved "));
    assertThat(endpoint.seen)
        .filteredOn(r -> r.startsWith("/moved "))
        .noneMatch(r -> r.contains(TOKEN));
  }

  /** A custom endpoint that records each request's path and Authorization header, and answers. */
  private static final class Recorder {
    final List<String> seen = new CopyOnWriteArrayList<>();
    private final HttpServer http;

    Recorder() throws IOException {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
      http.createContext("/", this::serve);
      http.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    private void serve(HttpExchange exchange) throws IOException {
      exchange.getRequestBody().readAllBytes();
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      seen.add(exchange.getRequestURI().getPath() + " " + (auth == null ? "" : auth));
      byte[] body =
          "{\"output\":{\"text\":\"hi\"},\"meta\":{\"tokens_in\":1,\"tokens_out\":1}}"
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }

    void close() {
      http.stop(0);
    }
  }
}
