package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.providers.auth.KerberosRealm;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kerberos SPNEGO auth profile inside the server: an embedded Kerby KDC and a custom endpoint
 * that validates each Negotiate token with JGSS run in this test JVM; the server logs in with the
 * keytab given through the admin API and calls the endpoint through {@code /v1/chat/completions}.
 */
class SpnegoProfileIT {

  private static final String S = UUID.randomUUID().toString().substring(0, 8);
  private static final String MODEL = "kerberized-" + S;

  @TempDir static Path dir;
  private static KerberosRealm realm;
  private static AdminApi user;
  private static String integrationId;
  private static String profileId;

  @BeforeAll
  static void setUp() throws Exception {
    realm = new KerberosRealm(dir);
    user = AdminApi.newUser("krb-" + S, "krb-" + S);
    AdminApi.Reply profile =
        user.post(
            "/api/v1/auth-profiles",
            "{\"name\":\"kerberos-"
                + S
                + "\",\"kind\":\"KERBEROS_SPNEGO\",\"username\":\""
                + KerberosRealm.CLIENT
                + "\",\"realm\":\""
                + KerberosRealm.REALM
                + "\",\"kdc\":\""
                + realm.kdc()
                + "\",\"keytab\":\""
                + Base64.getEncoder().encodeToString(realm.clientKeytab())
                + "\"}");
    assertThat(profile.status()).as(profile.body()).isEqualTo(201);
    assertThat(profile.json().get("keytabStored").asBoolean()).isTrue();
    AdminApi.Reply integration =
        user.post(
            "/api/v1/integrations",
            "{\"name\":\"krb-"
                + S
                + "\",\"providerId\":\"byo\",\"baseUrl\":\""
                + realm.url()
                + "\",\"models\":[{\"modelId\":\""
                + MODEL
                + "\"}]}");
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
    profileId = profile.json().get("id").asText();
    assertThat(attached.status()).as(attached.body()).isEqualTo(200);
  }

  @AfterAll
  static void tearDown() throws Exception {
    realm.close();
  }

  @Test
  void theServerAuthenticatesWithTheKeytabAndTheEndpointSeesThePrincipal() {
    JsonNode test = user.post("/api/v1/integrations/" + integrationId + "/test", "{}").json();
    assertThat(test.get("success").asBoolean()).as(test.toString()).isTrue();

    String apiKey = user.post("/api/v1/api-keys", "{\"name\":\"krb\"}").json().get("key").asText();
    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .baseUrl(SwitchboardServer.BASE_URL + "/v1")
            .apiKey(apiKey)
            .maxRetries(0)
            .build();
    ChatCompletion c =
        client
            .chat()
            .completions()
            .create(
                ChatCompletionCreateParams.builder()
                    .model("byo/" + MODEL)
                    .addUserMessage("Say hello")
                    .build());

    assertThat(c.choices().get(0).message().content()).hasValue("hello " + KerberosRealm.CLIENT);
    assertThat(c.usage().orElseThrow().completionTokens()).isEqualTo(2);
    assertThat(realm.acceptedClients()).contains(KerberosRealm.CLIENT);
  }

  private static String kerberosJson(String name, String kdc, boolean withKeytab) {
    return "{\"name\":\""
        + name
        + "\",\"kind\":\"KERBEROS_SPNEGO\",\"username\":\""
        + KerberosRealm.CLIENT
        + "\",\"realm\":\""
        + KerberosRealm.REALM
        + "\",\"kdc\":\""
        + kdc
        + "\""
        + (withKeytab
            ? ",\"keytab\":\"" + Base64.getEncoder().encodeToString(realm.clientKeytab()) + "\""
            : "")
        + "}";
  }

  @Test
  void aKdcAtAForbiddenAddressIsRefusedNamingTheKdcField() {
    for (String kdc :
        new String[] {"169.254.169.254", "10.20.30.40:88", "metadata.google.internal"}) {
      AdminApi.Reply refused =
          user.post("/api/v1/auth-profiles", kerberosJson("forbidden-" + S, kdc, true));

      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.json().path("error").path("field").asText()).isEqualTo("kdc");
      assertThat(refused.body()).contains("not allowed");
    }
  }

  @Test
  void changingTheKdcWithoutTheKeytabIsRefusedAndTheStoredOneIsKept() {
    AdminApi.Reply moved =
        user.send(
            "PUT",
            "/api/v1/auth-profiles/" + profileId,
            kerberosJson("kerberos-" + S, "localhost:1", false));

    assertThat(moved.status()).as(moved.body()).isEqualTo(400);
    assertThat(moved.json().path("error").path("field").asText()).isEqualTo("keytab");
    assertThat(moved.body()).contains("the KDC");
    JsonNode kept = user.get("/api/v1/auth-profiles/" + profileId).json();
    assertThat(kept.get("kdc").asText()).isEqualTo(realm.kdc());
    assertThat(kept.get("keytabStored").asBoolean()).isTrue();
  }
}
