package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Amazon Bedrock integrations created through the admin API, one with static keys and one assuming
 * an IAM role through STS, answering {@code /v1/chat/completions} through the router; the simulator
 * checks every SigV4 signature.
 */
class BedrockIT {

  private static final String REPLY = "Hello from the Switchboard simulator héllo 🌍 done ";
  private static final SimulatorOptions.Aws AWS = SimulatorOptions.Aws.DEFAULTS;
  private static Simulator sim;
  private static AdminApi user;
  private static OpenAIClient client;
  private static String suffix;

  @BeforeAll
  static void setUp() {
    sim = Simulator.start();
    suffix = UUID.randomUUID().toString().substring(0, 8);
    user = AdminApi.newUser("bedrock-" + suffix, "bedrock-" + suffix);
    String apiKey =
        user.post("/api/v1/api-keys", "{\"name\":\"bedrock\"}").json().get("key").asText();
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(SwitchboardServer.BASE_URL + "/v1")
            .apiKey(apiKey)
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void tearDown() {
    sim.close();
  }

  private static AdminApi.Reply create(String name, String aws, String model) {
    return user.post(
        "/api/v1/integrations",
        "{\"name\":\""
            + name
            + "\",\"providerId\":\"bedrock\",\"apiKey\":\""
            + AWS.secretAccessKey()
            + "\",\"baseUrl\":\""
            + sim.baseUrl()
            + "/bedrock\",\"aws\":"
            + aws
            + ",\"models\":[{\"modelId\":\""
            + model
            + "\"}]}");
  }

  @Test
  void onlyAnAdminMayLetAnIntegrationSignWithTheServersOwnAwsIdentity() {
    String roleOnly =
        "{\"name\":\"bedrock-server-%s\",\"providerId\":\"bedrock\",\"aws\":{\"region\":"
            + "\"us-east-1\",\"roleArn\":\"arn:aws:iam::123456789012:role/any\"%s}}";
    AdminApi.Reply memberRoleOnly =
        user.post("/api/v1/integrations", String.format(roleOnly, "m1-" + suffix, ""));
    AdminApi.Reply memberAsks =
        user.post(
            "/api/v1/integrations",
            String.format(roleOnly, "m2-" + suffix, ",\"serverIdentity\":true"));
    AdminApi admin = AdminApi.admin();
    AdminApi.Reply adminAllows =
        admin.post(
            "/api/v1/integrations",
            String.format(roleOnly, "a-" + suffix, ",\"serverIdentity\":true"));

    assertThat(memberRoleOnly.status()).as(memberRoleOnly.body()).isEqualTo(400);
    assertThat(memberRoleOnly.json().at("/error/field").asText()).isEqualTo("aws.accessKeyId");
    assertThat(memberAsks.status()).as(memberAsks.body()).isEqualTo(400);
    assertThat(memberAsks.json().at("/error/field").asText()).isEqualTo("aws.serverIdentity");
    assertThat(adminAllows.status()).as(adminAllows.body()).isEqualTo(201);
    String id = adminAllows.json().get("id").asText();
    assertThat(adminAllows.json().at("/aws/serverIdentity").asBoolean()).isTrue();
    assertThat(admin.get("/api/v1/audit?objectType=integration&objectId=" + id).body())
        .contains("integration.created")
        .contains("serverIdentity");

    // a member's own keyed integration cannot be switched to the server identity
    AdminApi.Reply own =
        create(
            "bedrock-own-" + suffix,
            "{\"region\":\"us-east-1\",\"accessKeyId\":\"" + AWS.accessKeyId() + "\"}",
            "amazon.nova-pro-v1:0");
    AdminApi.Reply flip =
        user.send(
            "PUT",
            "/api/v1/integrations/" + own.json().get("id").asText(),
            "{\"name\":\"bedrock-own-"
                + suffix
                + "\",\"baseUrl\":\""
                + sim.baseUrl()
                + "/bedrock\",\"aws\":{\"region\":\"us-east-1\",\"accessKeyId\":\""
                + AWS.accessKeyId()
                + "\",\"serverIdentity\":true}}");
    assertThat(flip.status()).as(flip.body()).isEqualTo(400);
    assertThat(flip.json().at("/error/field").asText()).isEqualTo("aws.serverIdentity");
  }

  @Test
  void aMemberCannotRetargetOrClearTheServerIdentityAnAdminAllowed() {
    String name = "bedrock-approved-" + suffix;
    String approved = "arn:aws:iam::123456789012:role/approved";
    String put =
        "{\"name\":\""
            + name
            + "\",\"baseUrl\":\""
            + sim.baseUrl()
            + "/bedrock\"%s,\"aws\":{\"region\":\"us-east-1\",%s\"roleArn\":\"%s\"%s}}";
    String keyId = "\"accessKeyId\":\"" + AWS.accessKeyId() + "\",";
    AdminApi.Reply own =
        create(
            name,
            "{\"region\":\"us-east-1\",\"accessKeyId\":\""
                + AWS.accessKeyId()
                + "\",\"roleArn\":\""
                + approved
                + "\"}",
            "amazon.nova-pro-v1:0");
    assertThat(own.status()).as(own.body()).isEqualTo(201);
    String path = "/api/v1/integrations/" + own.json().get("id").asText();
    AdminApi admin = AdminApi.admin();
    AdminApi.Reply allowed =
        admin.send(
            "PUT", path, String.format(put, "", keyId, approved, ",\"serverIdentity\":true"));
    assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);

    // the member drops the keys and points the server identity at another role: refused
    AdminApi.Reply retarget =
        user.send(
            "PUT",
            path,
            String.format(
                put, ",\"apiKey\":\"x\"", "", "arn:aws:iam::123456789012:role/admin", ""));
    AdminApi.Reply clear =
        user.send(
            "PUT", path, String.format(put, "", keyId, approved, ",\"serverIdentity\":false"));
    AdminApi.Reply unrelated =
        user.send(
            "PUT",
            path,
            String.format(put, ",\"description\":\"still approved\"", keyId, approved, ""));

    assertThat(retarget.status()).as(retarget.body()).isEqualTo(400);
    assertThat(retarget.json().at("/error/field").asText()).isEqualTo("aws.serverIdentity");
    assertThat(clear.status()).as(clear.body()).isEqualTo(400);
    assertThat(clear.json().at("/error/field").asText()).isEqualTo("aws.serverIdentity");
    assertThat(unrelated.status()).as(unrelated.body()).isEqualTo(200);
    JsonNode now = admin.get(path).json();
    assertThat(now.at("/aws/roleArn").asText()).isEqualTo(approved);
    assertThat(now.at("/aws/serverIdentity").asBoolean()).isTrue();
    assertThat(
            admin
                .get("/api/v1/audit?objectType=integration&objectId=" + now.get("id").asText())
                .body())
        .contains("serverIdentity");
  }

  @Test
  void aStaticKeyIntegrationChatsAndStreamsThroughTheRouter() {
    AdminApi.Reply created =
        create(
            "bedrock-keys-" + suffix,
            "{\"region\":\"us-east-1\",\"accessKeyId\":\"" + AWS.accessKeyId() + "\"}",
            "amazon.nova-pro-v1:0");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode view = created.json();
    assertThat(view.at("/apiKey").asText()).doesNotContain(AWS.secretAccessKey());
    assertThat(view.at("/aws/region").asText()).isEqualTo("us-east-1");

    ChatCompletion c =
        client.chat().completions().create(params("bedrock/amazon.nova-pro-v1:0").build());
    assertThat(c.choices().get(0).message().content()).hasValue(REPLY);
    assertThat(c.usage().orElseThrow().completionTokens()).isEqualTo(8);

    List<String> pieces = new ArrayList<>();
    long[] total = {-1};
    try (StreamResponse<ChatCompletionChunk> stream =
        client
            .chat()
            .completions()
            .createStreaming(
                params("bedrock/amazon.nova-pro-v1:0")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      stream.stream()
          .forEach(
              chunk -> {
                chunk
                    .choices()
                    .forEach(
                        ch ->
                            ch.delta().content().filter(t -> !t.isEmpty()).ifPresent(pieces::add));
                chunk.usage().ifPresent(u -> total[0] = u.completionTokens());
              });
    }
    assertThat(String.join("", pieces)).isEqualTo(REPLY);
    assertThat(total[0]).isEqualTo(8);
  }

  @Test
  void anAssumedRoleIntegrationChatsWithTemporaryCredentials() {
    int before = sim.awsSessions().size();
    AdminApi.Reply created =
        create(
            "bedrock-role-" + suffix,
            "{\"region\":\"us-east-1\",\"accessKeyId\":\""
                + AWS.accessKeyId()
                + "\",\"roleArn\":\"arn:aws:iam::123456789012:role/switchboard\",\"stsEndpoint\":\""
                + sim.baseUrl()
                + "/sts\",\"externalId\":\"ext-it\"}",
            "meta.llama3-70b-instruct-v1:0");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().at("/aws/externalId").asText()).isEqualTo("****");

    ChatCompletion c =
        client.chat().completions().create(params("bedrock/meta.llama3-70b-instruct-v1:0").build());
    assertThat(c.choices().get(0).message().content()).hasValue(REPLY);
    assertThat(sim.awsSessions().subList(before, sim.awsSessions().size()))
        .anySatisfy(
            s -> {
              assertThat(s.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/switchboard");
              assertThat(s.externalId()).isEqualTo("ext-it");
            });
  }

  @Test
  void aBedrockDraftWithoutARegionIsRefusedWithTheField() {
    AdminApi.Reply r =
        create("bedrock-bad-" + suffix, "{\"accessKeyId\":\"AKIA1\"}", "amazon.nova-pro-v1:0");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/field").asText()).isEqualTo("aws.region");
  }

  private static ChatCompletionCreateParams.Builder params(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello");
  }
}
