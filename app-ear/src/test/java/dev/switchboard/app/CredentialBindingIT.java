package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.AdminApi.Reply;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stored credential goes only to the host it was entered for (issue 14, items 2 and 3): changing
 * the variable behind a base URL, testing with a sample address, or updating an integration whose
 * resolved address moved never carries the key to another host; secret variables stay in credential
 * fields and with the users allowed to use them. The "attacker" is a second simulator that accepts
 * the same key and counts what reaches it.
 */
class CredentialBindingIT {

  private static final String KEY = "sk-bound-" + UUID.randomUUID();
  private static Simulator home;
  private static Simulator elsewhere;

  @BeforeAll
  static void start() {
    home = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY));
    elsewhere = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY));
  }

  @AfterAll
  static void stop() {
    home.close();
    elsewhere.close();
  }

  @Test
  void changingTheVariableBehindTheBaseUrlDoesNotSendTheStoredKeyToTheNewHost() {
    String s = suffix();
    AdminApi user = AdminApi.newUser("bind-" + s, "bind-" + s);
    String variable = createVariable(user, "BASE_" + s, home.baseUrl() + "/openai/v1", false);
    String integration = createIntegration(user, "bound-" + s, KEY, "{{env.BASE_" + s + "}}");
    String gatewayKey =
        user.post("/api/v1/api-keys", "{\"name\":\"b\"}").json().get("key").asText();
    assertThat(chat(gatewayKey).statusCode()).isEqualTo(200);
    long homeBefore = home.requestCount("openai");

    Reply moved =
        user.send(
            "PUT",
            "/api/v1/variables/" + variable,
            "{\"value\":\"" + elsewhere.baseUrl() + "/openai/v1\"}");
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);

    HttpResponse<String> refused = chat(gatewayKey);
    Reply tested = user.post("/api/v1/integrations/" + integration + "/test", "{}");
    Reply renamed =
        user.send(
            "PUT",
            "/api/v1/integrations/" + integration,
            "{\"name\":\"renamed-"
                + s
                + "\",\"baseUrl\":\"{{env.BASE_"
                + s
                + "}}\",\"models\":[{\"modelId\":\"gpt-4o-mini\"}]}");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(502);
    assertThat(refused.body()).contains("entered for").doesNotContain(KEY);
    assertThat(tested.json().get("success").asBoolean()).isFalse();
    assertThat(tested.json().get("message").asText())
        .contains("entered for 127.0.0.1:" + home.port())
        .contains("127.0.0.1:" + elsewhere.port());
    assertThat(renamed.status()).as(renamed.body()).isEqualTo(400);
    assertThat(renamed.json().at("/error/field").asText()).isEqualTo("apiKey");
    assertThat(elsewhere.requestCount("openai")).isZero();
    assertThat(home.requestCount("openai")).isEqualTo(homeBefore);

    // entering the key again binds it to the new address: calls go there from now on
    Reply again =
        user.send(
            "PUT",
            "/api/v1/integrations/" + integration,
            "{\"name\":\"bound-"
                + s
                + "\",\"apiKey\":\""
                + KEY
                + "\",\"baseUrl\":\"{{env.BASE_"
                + s
                + "}}\",\"models\":[{\"modelId\":\"gpt-4o-mini\"}]}");
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    Reply retested = user.post("/api/v1/integrations/" + integration + "/test", "{}");
    assertThat(retested.json().get("success").asBoolean()).as(retested.body()).isTrue();
    assertThat(elsewhere.requestCount("openai")).isPositive();
  }

  @Test
  void aSampleAddressAtTestTimeGetsNoStoredKey() {
    String s = suffix();
    AdminApi user = AdminApi.newUser("sample-" + s, "sample-" + s);
    createVariable(user, "URL_" + s, home.baseUrl() + "/openai/v1", false);
    String integration = createIntegration(user, "sampled-" + s, KEY, "{{env.URL_" + s + "}}");
    assertThat(
            user.post("/api/v1/integrations/" + integration + "/test", "{}")
                .json()
                .get("success")
                .asBoolean())
        .isTrue();
    long before = elsewhere.requestCount("openai");

    Reply tested =
        user.post(
            "/api/v1/integrations/" + integration + "/test",
            "{\"samples\":{\"env.URL_" + s + "\":\"" + elsewhere.baseUrl() + "/openai/v1\"}}");

    assertThat(tested.json().get("success").asBoolean()).isFalse();
    assertThat(tested.json().get("errorCategory").asText()).isEqualTo("BAD_REQUEST");
    assertThat(tested.body()).doesNotContain(KEY);
    assertThat(elsewhere.requestCount("openai")).isEqualTo(before);
  }

  @Test
  void aSecretVariableIsRefusedInAnAddressAndToOtherMembers() {
    String s = suffix();
    String workspace = "secret-" + s;
    AdminApi owner = AdminApi.newUser("sec-a-" + s, workspace);
    AdminApi colleague = AdminApi.newUser("sec-b-" + s, workspace);
    String secret = createVariable(owner, "KEY_" + s, KEY, true);

    Reply inAddress =
        owner.post(
            "/api/v1/integrations",
            integrationJson("addr-" + s, KEY, home.baseUrl() + "/openai/{{env.KEY_" + s + "}}/v1"));
    Reply colleagueUses =
        colleague.post(
            "/api/v1/integrations",
            integrationJson("steal-" + s, "{{env.KEY_" + s + "}}", elsewhere.baseUrl() + "/v1"));
    Reply colleagueChanges =
        colleague.send("PUT", "/api/v1/variables/" + secret, "{\"value\":\"sk-mine\"}");
    Reply colleagueDeletes = colleague.send("DELETE", "/api/v1/variables/" + secret, null);
    Reply ownerUses =
        owner.post(
            "/api/v1/integrations",
            integrationJson("mine-" + s, "{{env.KEY_" + s + "}}", home.baseUrl() + "/openai/v1"));

    assertThat(inAddress.status()).as(inAddress.body()).isEqualTo(400);
    assertThat(inAddress.json().at("/error/field").asText()).isEqualTo("baseUrl");
    assertThat(inAddress.body()).contains("secret variable").doesNotContain(KEY);
    assertThat(colleagueUses.status()).as(colleagueUses.body()).isEqualTo(400);
    assertThat(colleagueUses.json().at("/error/field").asText()).isEqualTo("apiKey");
    assertThat(colleagueChanges.status()).isEqualTo(400);
    assertThat(colleagueDeletes.status()).isEqualTo(400);
    assertThat(ownerUses.status()).as(ownerUses.body()).isEqualTo(201);
    Reply ownerTest =
        owner.post("/api/v1/integrations/" + ownerUses.json().get("id").asText() + "/test", "{}");
    assertThat(ownerTest.json().get("success").asBoolean()).as(ownerTest.body()).isTrue();
    assertThat(elsewhere.requestCount("openai")).isZero();
  }

  @Test
  void everyAddressOfAStoredKeyNeedsTheKeyAgainWhenItChanges() {
    String s = suffix();
    AdminApi user = AdminApi.newUser("addr-" + s, "addr-" + s);
    String azure =
        created(
            user.post(
                "/api/v1/integrations",
                "{\"name\":\"az-"
                    + s
                    + "\",\"providerId\":\"azure-openai\",\"apiKey\":\""
                    + KEY
                    + "\",\"azureResource\":\"contoso\"}"));
    String bedrock =
        created(
            user.post(
                "/api/v1/integrations",
                "{\"name\":\"br-"
                    + s
                    + "\",\"providerId\":\"bedrock\",\"apiKey\":\"secret-"
                    + s
                    + "\",\"aws\":{\"region\":\"us-east-1\",\"accessKeyId\":\"AKIAEXAMPLE\","
                    + "\"roleArn\":\"arn:aws:iam::123456789012:role/r\","
                    + "\"stsEndpoint\":\"https://sts.us-east-1.amazonaws.com\"}}"));

    Reply resource =
        user.send(
            "PUT",
            "/api/v1/integrations/" + azure,
            "{\"name\":\"az-" + s + "\",\"azureResource\":\"fabrikam\"}");
    Reply sts =
        user.send(
            "PUT",
            "/api/v1/integrations/" + bedrock,
            bedrockUpdate(s, "AKIAEXAMPLE", "us-east-1", "https://sts.example.net"));
    Reply keyId =
        user.send(
            "PUT",
            "/api/v1/integrations/" + bedrock,
            bedrockUpdate(s, "AKIAOTHER", "us-east-1", "https://sts.us-east-1.amazonaws.com"));
    Reply region =
        user.send(
            "PUT",
            "/api/v1/integrations/" + bedrock,
            bedrockUpdate(s, "AKIAEXAMPLE", "eu-west-1", "https://sts.us-east-1.amazonaws.com"));
    Reply unchanged =
        user.send(
            "PUT",
            "/api/v1/integrations/" + bedrock,
            bedrockUpdate(s, "AKIAEXAMPLE", "us-east-1", "https://sts.us-east-1.amazonaws.com"));

    for (Reply r : new Reply[] {resource, sts, keyId, region}) {
      assertThat(r.status()).as(r.body()).isEqualTo(400);
      assertThat(r.json().at("/error/field").asText()).isEqualTo("apiKey");
    }
    assertThat(unchanged.status()).as(unchanged.body()).isEqualTo(200);
  }

  private static String bedrockUpdate(String s, String keyId, String region, String sts) {
    return "{\"name\":\"br-"
        + s
        + "\",\"aws\":{\"region\":\""
        + region
        + "\",\"accessKeyId\":\""
        + keyId
        + "\",\"roleArn\":\"arn:aws:iam::123456789012:role/r\",\"stsEndpoint\":\""
        + sts
        + "\"}}";
  }

  private static String createVariable(AdminApi api, String name, String value, boolean secure) {
    Reply r =
        api.post(
            "/api/v1/variables",
            "{\"scope\":\"env\",\"name\":\""
                + name
                + "\",\"value\":\""
                + value
                + "\",\"secure\":"
                + secure
                + "}");
    return created(r);
  }

  private static String createIntegration(AdminApi api, String name, String key, String base) {
    return created(api.post("/api/v1/integrations", integrationJson(name, key, base)));
  }

  private static String integrationJson(String name, String key, String base) {
    return "{\"name\":\""
        + name
        + "\",\"providerId\":\"openai\",\"apiKey\":\""
        + key
        + "\",\"baseUrl\":\""
        + base
        + "\",\"models\":[{\"modelId\":\"gpt-4o-mini\"}]}";
  }

  private static String created(Reply r) {
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private static HttpResponse<String> chat(String gatewayKey) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(SwitchboardServer.BASE_URL + "/v1/chat/completions"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + gatewayKey)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hello\"}]}"))
            .build();
    try {
      return SwitchboardServer.client().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
