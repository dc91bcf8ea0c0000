package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.UnauthorizedException;
import com.openai.models.models.Model;
import dev.switchboard.app.AdminApi.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Gateway API keys: shown once, stored hashed, revocable, expiring; judged by openai-java. */
class ApiKeysIT {

  private final AdminApi admin = AdminApi.admin();

  @Test
  void aKeyIsShownOnceAndTheOfficialClientListsTheWorkspacesModelsWithIt() {
    String s = UUID.randomUUID().toString().substring(0, 8);
    AdminApi user = AdminApi.newUser("keys-" + s, "keys-" + s);
    user.post(
        "/api/v1/integrations",
        "{\"name\":\"k\",\"providerId\":\"anthropic\",\"apiKey\":\"sk-ant-x\",\"models\":[{\"modelId\":\"claude-x-"
            + s
            + "\"},"
            + "{\"modelId\":\"claude-off-"
            + s
            + "\",\"enabled\":false}]}");

    Reply created =
        user.post(
            "/api/v1/api-keys", "{\"name\":\"reporting app\",\"workspace\":\"someone-else\"}");
    assertThat(created.status()).isEqualTo(201);
    String key = created.json().get("key").asText();
    assertThat(key).startsWith("sb-").hasSize(35);
    assertThat(created.json().get("workspace").asText()).isEqualTo("keys-" + s);
    Reply listed = user.get("/api/v1/api-keys");
    assertThat(listed.body())
        .doesNotContain(key)
        .contains("\"lastFour\":\"" + key.substring(31) + "\"");

    List<Model> models = client(key).models().list().data();

    assertThat(models).extracting(Model::id).containsExactly("anthropic/claude-x-" + s);
    assertThat(models.get(0).ownedBy()).isEqualTo("anthropic");
  }

  @Test
  void wrongRevokedAndExpiredKeysAreRefusedInOpenAisErrorShape() throws Exception {
    String s = UUID.randomUUID().toString().substring(0, 8);
    AdminApi user = AdminApi.newUser("revoke-" + s, "revoke-" + s);
    Reply created = user.post("/api/v1/api-keys", "{\"name\":\"temp\"}");
    String key = created.json().get("key").asText();
    assertThat(client(key).models().list().data()).isEmpty();

    assertThat(
            user.send("DELETE", "/api/v1/api-keys/" + created.json().get("id").asText(), null)
                .status())
        .isEqualTo(204);

    assertThatThrownBy(() -> client(key).models().list()).isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(() -> client("sb-not-a-real-key-000000000000000000").models().list())
        .isInstanceOf(UnauthorizedException.class);
    HttpResponse<String> raw =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(SwitchboardServer.BASE_URL + "/v1/models"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(raw.statusCode()).isEqualTo(401);
    assertThat(raw.body())
        .contains("\"type\":\"invalid_request_error\"", "\"code\":\"invalid_api_key\"");

    Reply past =
        user.post(
            "/api/v1/api-keys",
            "{\"name\":\"old\",\"expiresAt\":\"" + Instant.now().minusSeconds(60) + "\"}");
    assertThat(past.status()).isEqualTo(400);
    assertThat(past.json().at("/error/field").asText()).isEqualTo("expiresAt");
  }

  @Test
  void anApiKeyOpensOnlyTheOpenAiApiAndAccountsDoNotOpenIt() {
    String key = admin.post("/api/v1/api-keys", "{\"name\":\"scoped\"}").json().get("key").asText();
    Reply adminApiWithKey = bearer(key, "/api/v1/integrations");
    Reply openAiWithBasic = admin.get("/v1/models");

    assertThat(adminApiWithKey.status()).isEqualTo(403);
    assertThat(openAiWithBasic.status()).isEqualTo(403);
  }

  @Test
  void pathParametersAndEncodingDoNotSlipPastTheKeyCheck() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path :
        new String[] {
          "/v1;x/models", "/v1;jsessionid=1/chat/completions", "/%76%31/models", "//v1/models"
        }) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(SwitchboardServer.BASE_URL + path));
      HttpRequest request =
          path.contains("chat")
              ? b.header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"model\":\"openai/x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                  .build()
              : b.GET().build();
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).as(path + ": " + r.body()).isIn(401, 404);
      if (r.statusCode() == 401) {
        assertThat(r.body()).as(path).contains("\"code\":\"invalid_api_key\"");
      }
    }
  }

  private static Reply bearer(String key, String path) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(SwitchboardServer.BASE_URL + path))
                      .header("Authorization", "Bearer " + key)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static OpenAIClient client(String key) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(SwitchboardServer.BASE_URL + "/v1")
        .apiKey(key)
        .maxRetries(0)
        .build();
  }
}
