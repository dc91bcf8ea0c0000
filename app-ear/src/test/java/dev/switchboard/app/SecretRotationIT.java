package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.app.AdminApi.Reply;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The rotation endpoint over the server's real key ring. The rewrap itself (1,000 rows, live
 * readers, interrupt and resume, on Derby and PostgreSQL) is proven in modules/variables.
 */
class SecretRotationIT {

  private final AdminApi admin = AdminApi.admin();

  @Test
  void statusCountsSealedValuesPerKeyVersionAndARunCompletesWithNothingLeft() {
    Reply created =
        admin.post(
            "/api/v1/integrations",
            "{\"name\":\"rotation-"
                + UUID.randomUUID()
                + "\",\"providerId\":\"anthropic\","
                + "\"apiKey\":\"sk-ant-rotation-probe-1234\"}");
    assertThat(created.status()).isEqualTo(201);

    JsonNode status = admin.get("/api/v1/secrets/rotation").json();
    String active = status.get("activeVersion").asText();
    assertThat(status.get("configuredVersions").toString()).contains("\"" + active + "\"");
    assertThat(status.get("valuesByVersion").get(active).asLong()).isPositive();

    Reply started = admin.post("/api/v1/secrets/rotation", "");
    assertThat(started.status()).isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode run = admin.get("/api/v1/secrets/rotation").json().get("lastRun");
              assertThat(run.get("finishedAt")).isNotNull();
              assertThat(run.get("failure")).isNull();
              assertThat(run.at("/report/failed").asLong()).isZero();
            });
    JsonNode after = admin.get("/api/v1/secrets/rotation").json();
    assertThat(after.get("remaining").asLong()).isZero();
    assertThat(after.get("retirable").toString()).doesNotContain("\"" + active + "\"");
    assertThat(admin.get("/api/v1/audit?action=secrets.rotation-started").body())
        .contains("secrets.rotation-started");
  }

  @Test
  void onlyAdminsMayRotate() {
    AdminApi user =
        AdminApi.newUser("rotator-" + UUID.randomUUID().toString().substring(0, 8), "x1");

    assertThat(user.get("/api/v1/secrets/rotation").status()).isEqualTo(403);
    assertThat(user.post("/api/v1/secrets/rotation", "").status()).isEqualTo(403);
  }
}
