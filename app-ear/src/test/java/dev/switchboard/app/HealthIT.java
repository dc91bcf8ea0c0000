package dev.switchboard.app;

import static dev.switchboard.app.SwitchboardServer.EXPECTED_DATABASE;
import static dev.switchboard.app.SwitchboardServer.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HealthIT {

  private final HttpClient client = SwitchboardServer.client();

  @Test
  void readinessIsUpWithoutSigningInAndReportsTheDatabaseAndItsMigrationVersion() throws Exception {
    HttpResponse<String> ready = get(client, "/health/ready");

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body())
        .contains("\"status\":\"UP\"")
        .contains("\"name\":\"database\"")
        .contains("\"kind\":\"" + EXPECTED_DATABASE + "\"")
        .contains("\"migrationVersion\":\"" + SwitchboardServer.latestMigrationVersion() + "\"");
  }

  @Test
  void livenessIsUpAndReportsNoDeadlockedThreads() throws Exception {
    HttpResponse<String> live = get(client, "/health/live");

    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).contains("\"status\":\"UP\"").contains("\"deadlocked\":0");
  }

  @Test
  void metricsAreServed() throws Exception {
    HttpResponse<String> metrics = get(client, "/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("# TYPE");
  }

  @Test
  void theOpenApiDocumentDescribesTheAdminApi() throws Exception {
    HttpResponse<String> openapi = get(client, "/openapi");

    assertThat(openapi.statusCode()).isEqualTo(200);
    assertThat(openapi.body()).contains("/api/v1/system/status").contains("title: Switchboard");
  }
}
