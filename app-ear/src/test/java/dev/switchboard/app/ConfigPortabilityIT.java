package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.AdminApi.Reply;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Export to YAML and import elsewhere: secrets travel only as references. */
class ConfigPortabilityIT {

  @Test
  void anExportCarriesNoSecretAndImportsIntoAnotherWorkspaceWhereItWorksOnceTheKeyIsDefined() {
    String key = "sk-export-" + UUID.randomUUID();
    String s = UUID.randomUUID().toString().substring(0, 8);
    try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withApiKey(key))) {
      AdminApi source = AdminApi.newUser("exp-" + s, "src-" + s);
      assertThat(
              source
                  .post(
                      "/api/v1/integrations",
                      "{\"name\":\"Sales bot "
                          + s
                          + "\",\"providerId\":\"openai\",\"apiKey\":\""
                          + key
                          + "\",\"baseUrl\":\""
                          + sim.baseUrl()
                          + "/openai/v1\",\"models\":[{\"modelId\":\"gpt-4o-mini\"}]}")
                  .status())
          .isEqualTo(201);
      source.post(
          "/api/v1/variables", "{\"scope\":\"content\",\"name\":\"tone\",\"value\":\"formal\"}");
      source.post(
          "/api/v1/variables",
          "{\"scope\":\"env\",\"name\":\"OTHER\",\"value\":\"" + key + "\",\"secure\":true}");

      Reply exported = source.send("GET", "/api/v1/config", "application/yaml", null, null);

      assertThat(exported.status()).isEqualTo(200);
      String keyRef = "{{env.SALES_BOT_" + s.toUpperCase() + "_API_KEY}}";
      assertThat(exported.body())
          .doesNotContain(key)
          .contains(
              "apiVersion: switchboard/v1",
              "name: Sales bot " + s,
              keyRef,
              "modelId: gpt-4o-mini",
              "value: formal");

      AdminApi target = AdminApi.newUser("imp-" + s, "dst-" + s);
      Reply imported =
          target.send("POST", "/api/v1/config", null, exported.body(), "application/yaml");
      assertThat(imported.status()).as(imported.body()).isEqualTo(200);
      assertThat(imported.json().get("created").asInt()).isEqualTo(2);
      assertThat(imported.body()).contains("env.OTHER");

      String id = target.get("/api/v1/integrations").json().get(0).get("id").asText();
      assertThat(
              target
                  .post("/api/v1/integrations/" + id + "/test", "{}")
                  .json()
                  .get("success")
                  .asBoolean())
          .isFalse();
      String name = keyRef.substring(6, keyRef.length() - 2);
      target.post(
          "/api/v1/variables",
          "{\"scope\":\"env\",\"name\":\""
              + name
              + "\",\"value\":\""
              + key
              + "\",\"secure\":true}");
      assertThat(
              target
                  .post("/api/v1/integrations/" + id + "/test", "{}")
                  .json()
                  .get("success")
                  .asBoolean())
          .isTrue();

      Reply again =
          target.send("POST", "/api/v1/config", null, exported.body(), "application/yaml");
      assertThat(again.json().get("created").asInt()).isZero();
      assertThat(target.get("/api/v1/integrations").json()).hasSize(1);
    }
  }

  @Test
  void anInvalidDocumentIsA400SayingWhere() {
    AdminApi user = AdminApi.newUser("bad-" + UUID.randomUUID().toString().substring(0, 8), "bad");

    Reply wrongVersion =
        user.send("POST", "/api/v1/config", null, "apiVersion: v0\n", "application/yaml");
    Reply unknownField =
        user.send(
            "POST",
            "/api/v1/config",
            null,
            "apiVersion: switchboard/v1\nintegratons: []\n",
            "application/yaml");

    assertThat(wrongVersion.status()).isEqualTo(400);
    assertThat(wrongVersion.json().at("/error/field").asText()).isEqualTo("apiVersion");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.json().at("/error/message").asText()).contains("\"integratons\"");
  }
}
